import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { KeystoreInspection } from '../harness/pki/inspect-keystore.ts';
import { jksFixtures, jksPassphrase, keytool } from './support/jks-fixtures.ts';
import { runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';

const dir = fileURLToPath(new URL('../.tmp/jks-keystore-inspect-test', import.meta.url));
const selfSigned = join(dir, 'client.jks');
const secrets = { JKS_PASS: jksPassphrase, MULE_PASS: 'mule-store-pass', MULE_KEY_PASS: 'mule-key-pass' };

/** Runs `keystore inspect` in `dir` (which has a ./fixtures link), and checks no secret was printed. */
async function inspect(...args: string[]): Promise<CliProcessResult> {
  const result = await runCliProcess(['keystore', 'inspect', ...args], { cwd: dir, env: secrets });
  for (const secret of Object.values(secrets)) {
    expect(result.stdout + result.stderr, 'a password was printed').not.to.include(secret);
  }
  expect(result.stdout + result.stderr).not.to.include('PRIVATE KEY');
  return result;
}

describe('mtls-conformance keystore inspect', function () {
  this.timeout(180_000);
  let set: FixtureSet;

  before(async () => {
    set = await jksFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await symlink(set.dir, join(dir, 'fixtures'));
    await keytool(
      '-genkeypair',
      '-storetype',
      'JKS',
      '-alias',
      'client',
      '-keyalg',
      'RSA',
      '-keysize',
      '2048',
      '-dname',
      'CN=client.example, O=MuleSoft Test',
      '-keystore',
      selfSigned,
      '-storepass',
      secrets.MULE_PASS,
      '-keypass',
      secrets.MULE_KEY_PASS,
    );
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('shows a fixture keystore: entry, key, certificate, chain, and the fixture CA from ./fixtures', async () => {
    const { code, stdout, stderr } = await inspect(set.path('tpp1', 'jks'), '--passphrase-env', 'JKS_PASS');
    expect(code, stderr).to.equal(0);
    expect(stderr).to.equal('');
    const lines = stdout.split('\n');
    expect(lines[0]).to.equal(
      `${set.path('tpp1', 'jks')}: JKS keystore, 1 entry; integrity checked with the store password.`,
    );
    expect(lines).to.include('  key: unlocked; belongs to the certificate');
    expect(lines).to.include('  [0] subject  O=AXWAY, CN=tpp1.demo.axway.com');
    expect(lines).to.include('      issuer   C=BR, O=Axway, CN=Axway Root CA');
    expect(stdout).to.match(/^tpp1 {2}PrivateKeyEntry, stored \d{4}-\d\d-\d\d$/m);
    expect(stdout).to.match(/^ {6}valid {4}\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(\d+ days left\)$/m);
    expect(lines).to.include(
      '  chain: incomplete: the issuer of CN=tpp1.demo.axway.com (CN=Axway Root CA) is not in the entry',
    );
    expect(lines).to.include(`  fixture CA: ca1 (${join(dir, 'fixtures')})`);
  });

  it('tells ca2 from ca1 by signature, though they share one DN', async () => {
    const { code, stdout } = await inspect(
      set.path('tpp2', 'jks'),
      '--passphrase-env',
      'JKS_PASS',
      '--fixtures',
      set.dir,
    );
    expect(code, stdout).to.equal(0);
    expect(stdout).to.include(`  fixture CA: ca2 (${set.dir})`);
  });

  it('prints JSON on stdout with --json: the chain through the intermediate, no key material', async () => {
    const { code, stdout } = await inspect(
      set.path('intermediate-leaf', 'jks'),
      '--passphrase-env',
      'JKS_PASS',
      '--json',
    );
    expect(code).to.equal(0);
    const inspection = JSON.parse(stdout) as KeystoreInspection;
    expect(inspection).to.include({ version: 1, format: 'JKS', integrityChecked: true });
    const [entry] = inspection.entries;
    expect(entry).to.include({
      alias: 'intermediate-leaf',
      kind: 'private-key',
      chainComplete: false,
      fixtureCa: 'ca1',
      key: 'unlocked',
      keyMatchesCertificate: true,
    });
    expect(entry?.certificates.map((certificate) => certificate.subject)).to.deep.equal([
      'O=AXWAY, CN=intermediate-leaf.demo.axway.com',
      'O=Axway, CN=Axway Intermediate CA',
    ]);
  });

  it('lists a JKS truststore without its password, saying the integrity was not checked', async () => {
    const { code, stdout } = await inspect(join(set.dir, 'trust', 'ca1+ca2.jks'));
    expect(code, stdout).to.equal(0);
    expect(stdout.split('\n')[0]).to.equal(
      `${join(set.dir, 'trust', 'ca1+ca2.jks')}: JKS keystore, 2 entries; integrity NOT checked (no store password given; JKS certificates are readable without one).`,
    );
    expect(stdout).to.match(/^ca1 {2}trustedCertEntry, stored/m);
    expect(stdout).to.match(/^ca2 {2}trustedCertEntry, stored/m);
    expect(stdout).to.include('  [0] subject  C=BR, O=Axway, CN=Axway Root CA  (self-signed)');
    expect(stdout).to.include('  fixture CA: ca2');
  });

  it('shows a self-signed keystore as a complete chain of no fixture CA, and checks its own key password', async () => {
    const withoutKeyPassword = await inspect(selfSigned, '--passphrase-env', 'MULE_PASS');
    expect(withoutKeyPassword.code).to.equal(0);
    expect(withoutKeyPassword.stdout).to.include(
      '  key: protected by a key password of its own (give --key-passphrase-env to check it)',
    );
    expect(withoutKeyPassword.stdout).to.include(
      '  chain: complete (leaf to a self-signed root, every signature checked)',
    );
    expect(withoutKeyPassword.stdout).to.include("  fixture CA: none of the fixture set's CAs");
    const withKeyPassword = await inspect(
      selfSigned,
      '--passphrase-env',
      'MULE_PASS',
      '--key-passphrase-env',
      'MULE_KEY_PASS',
    );
    expect(withKeyPassword.stdout).to.include('  key: unlocked; belongs to the certificate');
  });

  const refusals: Array<{ title: string; args: () => string[]; message: () => string }> = [
    {
      title: 'a wrong store password',
      args: () => [selfSigned, '--passphrase-env', 'JKS_PASS'],
      message: () =>
        `${selfSigned}: the store password does not open this keystore (JKS integrity check failed; Java reports "Keystore was tampered with, or password was incorrect"). Check the store password (--passphrase-env JKS_PASS).`,
    },
    {
      title: 'a wrong key password',
      args: () => [selfSigned, '--passphrase-env', 'MULE_PASS', '--key-passphrase-env', 'MULE_PASS'],
      message: () =>
        `${selfSigned}: the key password does not unlock entry "client" (the store password opened the keystore; Java reports "Cannot recover key"). Check the key password (--key-passphrase-env MULE_PASS): keytool sets it with -keypass, and without -keypass it is the store password.`,
    },
    {
      title: 'a PKCS#12 keystore without its password',
      args: () => [set.path('tpp1', 'p12')],
      message: () =>
        `${set.path('tpp1', 'p12')}: a PKCS#12 keystore cannot be read without its store password (PKCS#12 MAC check failed with none). Give the store password (--passphrase-env VAR).`,
    },
    {
      title: 'an unknown alias',
      args: () => [join(set.dir, 'trust', 'ca1+ca2.jks'), '--alias', 'ca3'],
      message: () =>
        `${join(set.dir, 'trust', 'ca1+ca2.jks')}: no entry "ca3" in this keystore; its aliases: ca2 (trusted certificate), ca1 (trusted certificate). Give one of them as the --alias.`,
    },
    {
      title: 'an unset variable',
      args: () => [selfSigned, '--passphrase-env', 'NOT_SET_ANYWHERE'],
      message: () =>
        '--passphrase-env NOT_SET_ANYWHERE: the variable is not set. Export it first (the password is never given on the command line).',
    },
  ];

  for (const refusal of refusals) {
    it(`exits 2 with one line for ${refusal.title}`, async () => {
      const { code, stdout, stderr } = await inspect(...refusal.args());
      expect(code).to.equal(2);
      expect(stdout).to.equal('');
      expect(stderr).to.equal(`mtls-conformance: ${refusal.message()}\n`);
    });
  }

  it('shows usage with examples, and refuses "keystore" without a subcommand', async () => {
    const help = await runCliProcess(['keystore', 'inspect', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout + help.stderr).to.include('mtls-conformance keystore inspect client.jks');
    const bare = await runCliProcess(['keystore']);
    expect(bare.code).to.equal(2);
    expect(bare.stderr).to.include('Name a keystore subcommand: inspect.');
  });
});
