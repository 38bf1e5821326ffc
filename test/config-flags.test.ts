import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromFlags, type TargetFlags } from '../harness/config/config-from-flags.ts';

describe('configFromFlags: run --target URL --trusts ca1,ca2 --server-ca ca1', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-flags-'));
    writeFileSync(join(folder, 'tpp.p12'), 'placeholder');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('declares one target the same way a config file does', () => {
    const config = configFromFlags(
      {
        target: 'https://127.0.0.1:8443/healthcheck',
        trusts: 'ca1,ca2',
        serverCa: 'ca1',
        tlsVersions: '1.2',
      },
      { cwd: folder, fixtureNames: ['ca1', 'ca2'], env: {} },
    );
    expect(config.source).to.deep.equal({ kind: 'flags', baseDir: folder });
    expect(config.fixtures).to.equal(join(folder, 'fixtures'));
    expect(config.targets).to.deep.equal([
      {
        name: '127.0.0.1:8443',
        provider: 'url',
        url: 'https://127.0.0.1:8443/healthcheck',
        suite: 'server',
        trusts: ['ca1', 'ca2'],
        serverCa: { fixture: 'ca1' },
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2'],
        scenarios: { skip: {}, expect: {} },
        index: 0,
      },
    ]);
  });

  it('accepts lists as arrays, resolves paths against the working directory, and keeps --only', () => {
    const config = configFromFlags(
      {
        target: 'tls://[::1]:9443',
        trusts: ['ca1'],
        p12: 'tpp.p12',
        passphraseEnv: 'TPP_PASS',
        only: ['no-client-cert', 'trusted-client'],
        concurrency: 2,
      },
      { cwd: folder, env: { TPP_PASS: 'x' } },
    );
    const [target] = config.targets;
    expect(target?.name).to.equal('target-::1:9443');
    expect(target?.identity).to.deep.equal({
      kind: 'pkcs12',
      p12File: join(folder, 'tpp.p12'),
      passphraseEnv: 'TPP_PASS',
    });
    expect(target?.scenarios.only).to.deep.equal(['no-client-cert', 'trusted-client']);
    expect(config.concurrency).to.equal(2);
  });

  const failures: Array<[string, TargetFlags, string]> = [
    [
      'a missing --trusts',
      { target: 'https://127.0.0.1:8443/' },
      'Cannot use the command-line target. --trusts: missing; name the fixture CAs this endpoint is meant to accept client certificates from, e.g. trusts: [ca1].',
    ],
    [
      'an http URL',
      { target: 'http://127.0.0.1:8080/', trusts: 'ca1' },
      'Cannot use the command-line target. --target: "http://127.0.0.1:8080/" uses http: (mutual TLS needs TLS); allowed schemes: https, tls.',
    ],
    [
      'an unknown CA',
      { target: 'https://127.0.0.1:8443/', trusts: 'ca1,ca7' },
      'Cannot use the command-line target. --trusts: "ca7" is not a CA of the fixture set; allowed: ca1, ca2.',
    ],
  ];
  for (const [title, flags, message] of failures) {
    it(`refuses ${title}, naming the flag`, () => {
      expect(() => configFromFlags(flags, { cwd: folder, fixtureNames: ['ca1', 'ca2'], env: {} })).to.throw(
        message,
      );
    });
  }

  it('reports several bad flags at once', () => {
    expect(() =>
      configFromFlags(
        {
          target: 'https://127.0.0.1:8443/',
          trusts: 'ca1',
          rejectAt: 'tcp',
          p12: 'missing.p12',
          passphraseEnv: 'NOPE',
        },
        { cwd: folder, env: {} },
      ),
    ).to.throw(
      [
        'Cannot use the command-line target: 3 problems.',
        '  --reject-at: "tcp" is not allowed; allowed: any, handshake.',
        `  --p12: no file at ${join(folder, 'missing.p12')}.`,
        '  --passphrase-env: the environment variable NOPE is not set; export it before the run (the config names the variable, never the passphrase).',
      ].join('\n'),
    );
  });
});
