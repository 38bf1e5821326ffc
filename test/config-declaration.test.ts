import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../harness/config/load-config.ts';
import {
  resolveIdentityFiles,
  toScenarioSelection,
  toTargetDeclaration,
} from '../harness/config/target-declaration.ts';

describe('from a loaded target to what the runner needs', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-declaration-'));
    for (const name of ['partner.p12', 'server-ca.pem']) writeFileSync(join(folder, name), 'placeholder');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const text = `targets:
  - name: gateway
    url: https://127.0.0.1:8443/healthcheck
    trusts: [ca1, ca2]
    serverCa: ./server-ca.pem
    rejectAt: handshake
    tlsVersions: [TLSv1.3]
    identity: { p12: ./partner.p12, passphraseEnv: PARTNER_P12_PASS }
    scenarios:
      only: [trusted-client, second-ca-client]
      skip: { tls-1.2: "TLS 1.3 only" }
      expect: { second-ca-client: { expected: rejected, reason: "ca2 retired" } }
  - name: local-nginx
    provider: nginx
    trusts: [ca1]
    serverCa: ca1
`;
  const load = () => parseConfig(text, { file: 'x.yaml', baseDir: folder, env: { PARTNER_P12_PASS: 'pw' } });

  it('toTargetDeclaration: the basis of every expectation', () => {
    const [gateway, nginx] = load().targets;
    expect(toTargetDeclaration(gateway!)).to.deep.equal({
      name: 'gateway',
      url: 'https://127.0.0.1:8443/healthcheck',
      trusts: ['ca1', 'ca2'],
      serverCa: join(folder, 'server-ca.pem'),
      rejectAt: 'handshake',
      tlsVersions: ['TLSv1.3'],
      trustedIdentity: 'partner.p12',
    });
    expect(toTargetDeclaration(nginx!, 'https://127.0.0.1:40123/healthcheck')).to.deep.equal({
      name: 'local-nginx',
      url: 'https://127.0.0.1:40123/healthcheck',
      trusts: ['ca1'],
      serverCa: 'ca1',
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    });
    expect(() => toTargetDeclaration(nginx!)).to.throw('needs its started URL');
  });

  it('toScenarioSelection: overrides become expectation rules with their reason', () => {
    expect(toScenarioSelection(load().targets[0]!)).to.deep.equal({
      only: ['trusted-client', 'second-ca-client'],
      skip: { 'tls-1.2': 'TLS 1.3 only' },
      expect: { 'second-ca-client': { expected: 'rejected', because: 'ca2 retired' } },
    });
    expect(toScenarioSelection(load().targets[1]!)).to.deep.equal({ skip: {}, expect: {} });
  });

  it('resolveIdentityFiles reads the passphrase from its variable only when asked', () => {
    const identity = load().targets[0]!.identity!;
    expect(resolveIdentityFiles(identity, { PARTNER_P12_PASS: 'pw' })).to.deep.equal({
      p12File: join(folder, 'partner.p12'),
      passphrase: 'pw',
      passphraseSource: '$PARTNER_P12_PASS, identity.passphraseEnv',
    });
    expect(() => resolveIdentityFiles(identity, {})).to.throw(
      `Cannot open ${join(folder, 'partner.p12')}. The environment variable PARTNER_P12_PASS is not set; export it before the run.`,
    );
  });
});
