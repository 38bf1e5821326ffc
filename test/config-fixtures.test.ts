import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../harness/config/config-problem.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import { validateConfigAgainstFixtures } from '../harness/config/validate-config-against-fixtures.ts';

const caNames = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];

describe('validateConfigAgainstFixtures', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-fixtures-'));
    writeFileSync(join(folder, 'partner.p12'), 'placeholder');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const text = `targets:
  - name: gateway
    url: https://127.0.0.1:8443/
    trusts: [ca1, ca3]
    serverCa: ca9
  - name: partner
    url: tls://127.0.0.1:9443
    trusts: [ca2]
    serverCa: ./partner-ca.pem
    identity: { p12: ./partner.p12, passphraseEnv: PARTNER_P12_PASS }
`;

  it('accepts a config whose names, files and variables all exist', () => {
    writeFileSync(join(folder, 'ok-ca.pem'), 'placeholder');
    const config = parseConfig(
      text.replace('ca3', 'ca2').replace('ca9', 'ca1').replace('partner-ca.pem', 'ok-ca.pem'),
      {
        file: 'mtls-conformance.yaml',
        baseDir: folder,
        env: { PARTNER_P12_PASS: 's3cret' },
      },
    );
    expect(() =>
      validateConfigAgainstFixtures(config, caNames, { PARTNER_P12_PASS: 's3cret' }),
    ).not.to.throw();
  });

  it('names every unknown CA, missing file and unset variable in one error, after loading', () => {
    // Loaded before the fixture set exists: only the fixture names are left to check.
    writeFileSync(join(folder, 'partner-ca.pem'), 'placeholder');
    const config = parseConfig(text, {
      file: 'mtls-conformance.yaml',
      baseDir: folder,
      env: { PARTNER_P12_PASS: '' },
    });
    rmSync(join(folder, 'partner-ca.pem'));
    let error: unknown;
    try {
      validateConfigAgainstFixtures(config, caNames, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).message.split('\n')).to.deep.equal([
      'Cannot load mtls-conformance.yaml: 4 problems.',
      '  targets[0].trusts[1] (line 4): "ca3" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.',
      '  targets[0].serverCa (line 5): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca, or a PEM file path such as ./server-ca.pem.',
      `  targets[1].serverCa (line 9): no file at ${join(folder, 'partner-ca.pem')}.`,
      '  targets[1].identity.passphraseEnv (line 10): the environment variable PARTNER_P12_PASS is not set; export it before the run (the config names the variable, never the passphrase).',
    ]);
    expect((error as ConfigError).problems.map((problem) => problem.path)).to.deep.include([
      'targets',
      0,
      'trusts',
      1,
    ]);
  });

  it('treats an empty passphrase variable as set, and never prints its value', () => {
    writeFileSync(join(folder, 'partner-ca.pem'), 'placeholder');
    const secret = 'correct horse battery staple';
    const broken = text.replace('ca3', 'nope');
    let message = '';
    try {
      parseConfig(broken, {
        file: 'x.yaml',
        baseDir: folder,
        fixtureNames: caNames,
        env: { PARTNER_P12_PASS: secret },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('"nope" is not a CA of the fixture set');
    expect(message).not.to.include(secret);
    expect(message).not.to.include('PARTNER_P12_PASS');
    const config = parseConfig(text.replace('ca3', 'ca2').replace('ca9', 'ca1'), {
      file: 'x.yaml',
      baseDir: folder,
      env: { PARTNER_P12_PASS: '' },
    });
    expect(() => validateConfigAgainstFixtures(config, caNames, { PARTNER_P12_PASS: '' })).not.to.throw();
  });

  it('says so when the fixture set has no CA at all', () => {
    writeFileSync(join(folder, 'partner-ca.pem'), 'placeholder');
    const config = parseConfig(text.replace('ca9', 'ca1'), {
      file: 'x.yaml',
      baseDir: folder,
      env: { PARTNER_P12_PASS: 'x' },
    });
    expect(() => validateConfigAgainstFixtures(config, [], { PARTNER_P12_PASS: 'x' })).to.throw(
      /targets\[0\]\.trusts\[0\] \(line 4\): "ca1" is not a CA of the fixture set; allowed: \(none: the fixture set has no CA\)\./,
    );
  });
});
