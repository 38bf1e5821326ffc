import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { FixtureManifest } from '../harness/pki/fixture-manifest.ts';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { loadTrustStore } from '../harness/pki/load-trust-store.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { keytoolMissingMessage, keytoolPasswordVariable } from '../harness/pki/run-keytool.ts';
import { javaTestSpec, keytool } from './support/jks-fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const dir = fileURLToPath(new URL('../.tmp/jks-fixtures-command-test', import.meta.url));
const out = join(dir, 'out');
const specFile = join(dir, 'java-spec.json');
const first = 'first-jks-pass';
const second = 'second-jks-pass';

const fixtures = (password: string, ...extra: string[]) =>
  runCliProcess(
    ['fixtures', '--out', out, '--spec', specFile, '--password-env', 'JKS_FIXTURE_PASS', ...extra],
    {
      env: { JKS_FIXTURE_PASS: password },
      timeoutMs: 240_000,
    },
  );

const readManifest = async (): Promise<FixtureManifest> =>
  JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as FixtureManifest;

describe('mtls-conformance fixtures --jks', function () {
  // One JVM start per keystore: a set of seven identities and four bundles takes a while.
  this.timeout(240_000);

  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(specFile, JSON.stringify(javaTestSpec));
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('writes NAME.jks next to each NAME.p12 and trust/*.jks, trust/*.p12 with keytool, 0600, in the manifest', async () => {
    const { code, stderr } = await fixtures(first, '--jks');
    expect(code, stderr).to.equal(0);
    expect(stderr).to.include(
      'Java keystores (written with keytool): NAME.jks (JKS, alias NAME, 0600); truststores trust/ca1.jks, trust/ca1.p12, trust/ca2.jks, trust/ca2.p12, trust/intermediate-ca.jks, trust/intermediate-ca.p12, trust/ca1+ca2.jks, trust/ca1+ca2.p12.',
    );
    expect(stderr).not.to.include(first);
    const manifest = await readManifest();
    expect(manifest.identities.map((identity) => identity.files.jks)).to.deep.equal(
      javaTestSpec.identities.map((identity) => `${identity.name}.jks`),
    );
    expect(manifest.trustStores).to.deep.equal({
      ca1: { jks: 'trust/ca1.jks', p12: 'trust/ca1.p12' },
      ca2: { jks: 'trust/ca2.jks', p12: 'trust/ca2.p12' },
      'intermediate-ca': { jks: 'trust/intermediate-ca.jks', p12: 'trust/intermediate-ca.p12' },
      'ca1+ca2': { jks: 'trust/ca1+ca2.jks', p12: 'trust/ca1+ca2.p12' },
    });
    for (const path of [
      ...manifest.identities.map((identity) => identity.files.jks ?? ''),
      ...Object.values(manifest.trustStores ?? {}).flatMap((store) => [store.jks, store.p12]),
    ]) {
      expect((await stat(join(out, path))).mode & 0o777, path).to.equal(0o600);
    }
  });

  it('writes keystores that keytool itself lists: a PrivateKeyEntry aliased by name, trusted CAs by name', async () => {
    const tpp1 = await keytool('-list', '-keystore', join(out, 'tpp1.jks'), '-storepass', first);
    expect(tpp1).to.include('Keystore type: JKS');
    expect(tpp1).to.match(/^tpp1, .*, PrivateKeyEntry, $/m);
    const bundle = await keytool(
      '-list',
      '-keystore',
      join(out, 'trust', 'ca1+ca2.jks'),
      '-storepass',
      first,
    );
    expect(bundle).to.include('Keystore type: JKS');
    expect(bundle).to.match(/^ca1, .*, trustedCertEntry, $/m);
    expect(bundle).to.match(/^ca2, .*, trustedCertEntry, $/m);
    const p12 = await keytool('-list', '-keystore', join(out, 'trust', 'ca1+ca2.p12'), '-storepass', first);
    expect(p12).to.include('Keystore type: PKCS12');
    expect(p12).to.include('Your keystore contains 2 entries');
    const chained = await keytool(
      '-list',
      '-v',
      '-keystore',
      join(out, 'intermediate-leaf.jks'),
      '-storepass',
      first,
    );
    expect(chained).to.include('Certificate chain length: 2');
  });

  it('writes keystores the harness opens to the same identities as the PEM files', async () => {
    const fromJks = await loadIdentity({
      keystoreFile: join(out, 'intermediate-leaf.jks'),
      storePassword: first,
    });
    expect(fromJks.certificatePem).to.equal(await readFile(join(out, 'intermediate-leaf.crt'), 'utf8'));
    expect(fromJks.chainPems).to.deep.equal([await readFile(join(out, 'intermediate-ca.crt'), 'utf8')]);
    const trust = await loadTrustStore(join(out, 'trust', 'ca1+ca2.p12'), first);
    expect(trust.certificates.map((entry) => entry.alias).sort()).to.deep.equal(['ca1', 'ca2']);
  });

  it('keeps them while the set is reused', async () => {
    const before = (await stat(join(out, 'tpp1.jks'))).mtimeMs;
    const { code, stderr } = await fixtures(first, '--jks');
    expect(code, stderr).to.equal(0);
    expect(stderr).to.include('Java keystores (up to date)');
    expect((await stat(join(out, 'tpp1.jks'))).mtimeMs).to.equal(before);
  });

  it('rewrites them with the keystores when the passphrase changes, so none keeps the old one', async () => {
    const { code, stderr } = await fixtures(second, '--jks');
    expect(code, stderr).to.equal(0);
    expect(stderr).to.include('rewrote the keystores (the passphrase changed)');
    expect(stderr).to.include('Java keystores (written with keytool)');
    await loadIdentity({ keystoreFile: join(out, 'tpp1.jks'), storePassword: second });
    const error = await loadIdentity({ keystoreFile: join(out, 'tpp1.jks'), storePassword: first }).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).to.include('the store password does not open this keystore');
  });

  it('drops them when the passphrase changes without --jks, instead of leaving stale ones', async () => {
    const { code, stderr } = await fixtures(first);
    expect(code, stderr).to.equal(0);
    const manifest = await readManifest();
    expect(manifest.trustStores).to.equal(undefined);
    expect(manifest.identities.every((identity) => identity.files.jks === undefined)).to.equal(true);
    const gone = await stat(join(out, 'tpp1.jks')).catch(() => 'gone');
    expect(gone).to.equal('gone');
  });

  it('hands keytool the passphrase through its environment, never its command line, and reports its error', async () => {
    // A stand-in keytool that records what it was given (one file per run), then fails as keytool does.
    const fake = join(dir, 'fake-keytool');
    const records = join(dir, 'fake-keytool-runs');
    await mkdir(records, { recursive: true });
    await writeFile(
      fake,
      [
        '#!/bin/sh',
        `printf '%s\\n' "$@" > ${records}/$$.argv`,
        `printf '%s' "$${keytoolPasswordVariable}" > ${records}/$$.env`,
        "echo 'keytool error: java.io.IOException: fake failure' >&2",
        'exit 1',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const error = await generateFixtureSet({
      outDir: join(dir, 'fake-out'),
      passphrase: 'fake-secret-passphrase',
      spec: { version: 1, identities: [{ name: 'ca', role: 'root-ca', subject: { CN: 'Fake CA' } }] },
      javaKeystores: { keytool: fake },
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).to.match(
      /^keytool -(importkeystore|importcert) failed \(exit 1\): keytool error: java\.io\.IOException: fake failure$/,
    );
    const runs = await readdir(records);
    expect(runs.length).to.be.greaterThan(0);
    for (const run of runs) {
      const text = await readFile(join(records, run), 'utf8');
      if (run.endsWith('.argv')) {
        expect(text).not.to.include('fake-secret-passphrase');
        expect(text).to.include(`:env\n${keytoolPasswordVariable}\n`);
      } else {
        expect(text).to.equal('fake-secret-passphrase');
      }
    }
  });

  it('without keytool, says so in one line and exits 2 before writing anything', async () => {
    const elsewhere = join(dir, 'no-java');
    const { code, stderr } = await runCliProcess(['fixtures', '--out', elsewhere, '--jks'], {
      env: { PATH: '/nonexistent', JAVA_HOME: '' },
    });
    expect(code).to.equal(2);
    expect(stderr).to.equal(`mtls-conformance: ${keytoolMissingMessage}\n`);
    expect(await stat(elsewhere).catch(() => 'absent')).to.equal('absent');
  });
});
