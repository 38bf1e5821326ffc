import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { FixtureSpec } from '../harness/pki/fixture-spec.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { findKeytool } from '../harness/pki/run-keytool.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const run = promisify(execFile);

async function tool(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error(`${command} is not installed`);
    return { code: Number(failed.code), output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

// Each fixture's intended validity, as `openssl verify` (OpenSSL 3.0) judges it against ca1 at a
// security level: `-auth_level 2` is what Ubuntu's OpenSSL 3 applies to TLS by default.
const verdicts: { name: string; purpose: string; level0: string; level2: string }[] = [
  { name: 'ec-client', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  { name: 'ed25519-client', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  { name: 'rsa-pss-client', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  { name: 'weak-rsa-client', purpose: 'sslclient', level0: 'OK', level2: 'EE certificate key too weak' },
  {
    name: 'sha1-client',
    purpose: 'sslclient',
    level0: 'OK',
    level2: 'CA signature digest algorithm too weak',
  },
  // OpenSSL has no check that refuses CA:TRUE on a leaf, even with -x509_strict: the scenario's
  // expectation is the harness's, and this row pins what OpenSSL-based gateways do with it.
  { name: 'ca-true-client', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  {
    name: 'constraint-violating-client',
    purpose: 'sslclient',
    level0: 'permitted subtree violation',
    level2: 'permitted subtree violation',
  },
  { name: 'tpp1-superstring', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  { name: 'tpp1-ou-smuggle', purpose: 'sslclient', level0: 'OK', level2: 'OK' },
  { name: 'weak-key-server', purpose: 'sslserver', level0: 'OK', level2: 'EE certificate key too weak' },
  {
    name: 'sha1-server',
    purpose: 'sslserver',
    level0: 'OK',
    level2: 'CA signature digest algorithm too weak',
  },
];

describe('key and certificate-policy fixtures, judged by openssl', () => {
  let set: FixtureSet;
  before(async () => {
    set = await testFixtures();
  });

  for (const { name, purpose, level0, level2 } of verdicts) {
    it(`${name}: openssl verify says ${level0} at auth_level 0 and ${level2} at auth_level 2`, async () => {
      for (const [level, expected] of [
        ['0', level0],
        ['2', level2],
      ] as const) {
        const result = await tool('openssl', [
          'verify',
          '-auth_level',
          level,
          '-purpose',
          purpose,
          '-CAfile',
          set.path('ca1', 'crt'),
          '-untrusted',
          set.path('constrained-ca', 'crt'),
          set.path(name, 'crt'),
        ]);
        expect(result.code === 0, `${name} at level ${level}: ${result.output}`).to.equal(expected === 'OK');
        if (expected !== 'OK') expect(result.output).to.include(expected);
      }
    });
  }

  const text = async (name: string) =>
    (await tool('openssl', ['x509', '-noout', '-text', '-in', set.path(name, 'crt')])).output;

  it('writes each key type and signature the fixture names', async () => {
    expect(await text('ec-client')).to.match(/id-ecPublicKey[\s\S]*NIST CURVE: P-256/);
    expect(await text('ec-client')).to.match(/Key Usage: critical\s+Digital Signature\n/);
    expect(await text('ed25519-client')).to.include('Public Key Algorithm: ED25519');
    expect(await text('rsa-pss-client')).to.include('Public Key Algorithm: rsassaPss');
    expect(await text('weak-rsa-client')).to.include('Public-Key: (1024 bit)');
    expect(await text('sha1-client')).to.include('Signature Algorithm: sha1WithRSAEncryption');
    expect(await text('ca-true-client')).to.match(/Basic Constraints: critical\s+CA:TRUE/);
    expect(await text('constrained-ca')).to.match(
      /Name Constraints: critical\s+Permitted:\s+DNS:\.demo\.axway\.com/,
    );
    expect(await text('tpp1')).to.include('Signature Algorithm: sha256WithRSAEncryption');
  });

  it('writes the near-miss subjects an unanchored allow-list would take for tpp1', async () => {
    const subject = async (name: string) =>
      (
        await tool('openssl', [
          'x509',
          '-noout',
          '-subject',
          '-nameopt',
          'RFC2253',
          '-in',
          set.path(name, 'crt'),
        ])
      ).output;
    expect(await subject('tpp1-superstring')).to.match(/^subject=CN=tpp1\.demo\.axway\.com\.evil\.test,/);
    expect(await subject('tpp1-ou-smuggle')).to.include(',OU=CN=tpp1.demo.axway.com,');
    expect(await subject('tpp1-ou-smuggle')).to.match(/^subject=CN=evil\.demo\.axway\.com,/);
    expect(await subject('tpp1-from-ca2')).to.equal(await subject('tpp1'));
  });

  it('records key type, size and curve in the manifest', () => {
    const key = (name: string) => set.manifest.identities.find((identity) => identity.name === name)?.key;
    expect(key('tpp1')).to.deep.equal({ type: 'rsa', bits: 2048 });
    expect(key('ec-client')).to.deep.equal({ type: 'ec', curve: 'P-256' });
    expect(key('ed25519-client')).to.deep.equal({ type: 'ed25519' });
    expect(key('rsa-pss-client')).to.deep.equal({ type: 'rsa-pss', bits: 2048 });
    expect(key('weak-rsa-client')).to.deep.equal({ type: 'rsa', bits: 1024 });
  });

  for (const name of [
    'ec-client',
    'ed25519-client',
    'rsa-pss-client',
    'weak-rsa-client',
    'constraint-violating-client',
  ]) {
    it(`${name}.p12 opens in openssl pkcs12 with its key and chain`, async () => {
      const result = await tool('openssl', [
        'pkcs12',
        '-in',
        set.path(name, 'p12'),
        '-passin',
        `pass:${testPassphrase}`,
        '-nodes',
      ]);
      expect(result.code, result.output).to.equal(0);
      expect(result.output).to.include('-----BEGIN PRIVATE KEY-----');
      const certificates = result.output.match(/BEGIN CERTIFICATE/g) ?? [];
      expect(certificates).to.have.length(name === 'constraint-violating-client' ? 2 : 1);
    });
  }
});

describe('key types in other specs: P-384 and Ed25519 CAs, SHA-384, URI and email SANs, and Java keystores', () => {
  const out = fileURLToPath(new URL('../.tmp/pki-key-matrix-test', import.meta.url));
  const spec: FixtureSpec = {
    version: 1,
    identities: [
      { name: 'ec-root', role: 'root-ca', subject: { CN: 'EC Root' }, keyAlgorithm: 'ec', curve: 'P-384' },
      { name: 'ed-root', role: 'root-ca', subject: { CN: 'Ed25519 Root' }, keyAlgorithm: 'ed25519' },
      {
        name: 'spiffe',
        role: 'client',
        issuer: 'ec-root',
        subject: { CN: 'workload' },
        keyAlgorithm: 'ec',
        curve: 'P-521',
        signatureHash: 'sha384',
        subjectAltNames: { uri: ['spiffe://example.org/ns/prod/sa/tpp1'], email: ['ops@example.org'] },
      },
      { name: 'rsa-under-ed', role: 'client', issuer: 'ed-root', subject: { CN: 'rsa.example' } },
      { name: 'pss-root', role: 'root-ca', subject: { CN: 'PSS Root' }, keyAlgorithm: 'rsa-pss' },
      {
        name: 'under-pss',
        role: 'client',
        issuer: 'pss-root',
        subject: { CN: 'pss.example' },
        keyUsage: ['digitalSignature'],
      },
    ],
  };
  let set: FixtureSet;
  before(async function () {
    this.timeout(60_000);
    await rm(out, { recursive: true, force: true });
    const keytool = findKeytool();
    if (keytool === undefined) throw new Error('keytool is not installed: this test needs a Java runtime');
    const report = await generateFixtureSet({
      outDir: out,
      passphrase: testPassphrase,
      spec,
      javaKeystores: { keytool },
    });
    set = await openFixtureSet(report.dir);
  });

  it('each leaf verifies against its own root in openssl', async () => {
    for (const [leaf, root] of [
      ['spiffe', 'ec-root'],
      ['rsa-under-ed', 'ed-root'],
      ['under-pss', 'pss-root'],
    ] as const) {
      const result = await tool('openssl', [
        'verify',
        '-CAfile',
        set.path(root, 'crt'),
        set.path(leaf, 'crt'),
      ]);
      expect(result.code, `${leaf}: ${result.output}`).to.equal(0);
    }
  });

  it('writes the SPIFFE URI and email SANs, SHA-384 with ECDSA, PSS signatures and a keyUsage override', async () => {
    const text = async (name: string) =>
      (await tool('openssl', ['x509', '-noout', '-text', '-in', set.path(name, 'crt')])).output;
    const spiffe = await text('spiffe');
    expect(spiffe).to.include('URI:spiffe://example.org/ns/prod/sa/tpp1');
    expect(spiffe).to.include('email:ops@example.org');
    expect(spiffe).to.include('Signature Algorithm: ecdsa-with-SHA384');
    expect(spiffe).to.include('NIST CURVE: P-521');
    expect(await text('rsa-under-ed')).to.include('Signature Algorithm: ED25519');
    const underPss = await text('under-pss');
    expect(underPss).to.match(/Signature Algorithm: rsassaPss[\s\S]*Salt Length: 0x20/);
    expect(underPss).to.match(/Key Usage: critical\s+Digital Signature\n/);
  });

  it('keystore inspect opens the Java keystores of Ed25519, P-521 and RSASSA-PSS keys (not through forge)', async function () {
    this.timeout(30_000);
    for (const [name, key] of [
      ['ed-root', 'ed25519, signed with ED25519'],
      ['spiffe', 'ec P-521, signed with ecdsa-with-SHA384'],
      ['under-pss', 'rsa 2048, signed with rsassaPss'],
      ['pss-root', 'rsa-pss 2048, signed with rsassaPss'],
    ] as const) {
      const jks = set.manifest.identities.find((identity) => identity.name === name)?.files.jks ?? '';
      const result = await runCliProcess(
        ['keystore', 'inspect', `${set.dir}/${jks}`, '--passphrase-env', 'KP'],
        {
          env: { KP: testPassphrase },
        },
      );
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout, name).to.include('key: unlocked; belongs to the certificate');
      expect(result.stdout, name).to.include(`      key      ${key}\n`);
    }
  });

  it('keytool lists each Java keystore as a PrivateKeyEntry', async function () {
    this.timeout(30_000);
    const keytool = findKeytool() ?? 'keytool';
    for (const name of ['spiffe', 'rsa-under-ed', 'ed-root', 'under-pss']) {
      const jks = set.manifest.identities.find((identity) => identity.name === name)?.files.jks;
      expect(jks, name).to.be.a('string');
      const result = await tool(keytool, [
        '-list',
        '-keystore',
        `${set.dir}/${jks}`,
        '-storepass',
        testPassphrase,
      ]);
      expect(result.output, name).to.include(`${name}, `).and.include('PrivateKeyEntry');
    }
  });
});

describe('keystore inspect: key type, curve or size, and signature', function () {
  this.timeout(60_000);
  it('names the key and the signature of each certificate', async () => {
    const set = await testFixtures();
    for (const [name, key] of [
      ['ec-client', 'ec P-256, signed with sha256WithRSAEncryption'],
      ['ed25519-client', 'ed25519, signed with sha256WithRSAEncryption'],
      ['sha1-client', 'ec P-256, signed with sha1WithRSAEncryption'],
      ['weak-rsa-client', 'rsa 1024, signed with sha256WithRSAEncryption'],
    ] as const) {
      const result = await runCliProcess(
        ['keystore', 'inspect', set.path(name, 'p12'), '--passphrase-env', 'KP'],
        {
          env: { KP: testPassphrase },
        },
      );
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout, name).to.include(`      key      ${key}\n`);
      expect(result.stdout, name).to.include('key: unlocked; belongs to the certificate');
    }
  });
});
