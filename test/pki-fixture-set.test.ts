import { X509Certificate } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { writeFileAtomic } from '../harness/common/atomic-write.ts';
import { isHarnessError } from '../harness/common/harness-error.ts';
import type { FixtureSpec } from '../harness/pki/fixture-spec.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

const scratch = fileURLToPath(new URL('../.tmp/pki-fixture-set-test', import.meta.url));
const fixedNow = new Date('2030-01-15T12:00:00.000Z');

/** Two identities: enough to exercise the cache without paying for thirteen keys. */
const smallSpec: FixtureSpec = {
  version: 1,
  identities: [
    { name: 'root', role: 'root-ca', subject: { CN: 'Small Root' } },
    { name: 'leaf', role: 'client', issuer: 'root', subject: { CN: 'leaf.test' }, validity: { days: 30 } },
  ],
};

async function mtimes(dir: string, files: string[]): Promise<number[]> {
  return Promise.all(files.map(async (file) => (await stat(join(dir, file))).mtimeMs));
}

describe('generateFixtureSet: the built-in set', () => {
  it('writes every identity the issue names, with its files and 0600 keys in a 0700 folder', async () => {
    const set = await testFixtures();
    expect(set.names()).to.deep.equal([
      'ca1',
      'ca2',
      'rogue-ca',
      'intermediate-ca',
      'server',
      'tpp1',
      'tpp2',
      'tpp3',
      'expired',
      'not-yet-valid',
      'self-signed',
      'rogue',
      'wrong-eku',
      'intermediate-leaf',
      'tpp1-from-ca2',
      'tpp1-from-rogue',
      'rogue-server',
      'expired-server',
      'other-host-server',
      'revoked',
      'revoked-intermediate-ca',
      'revoked-intermediate-leaf',
      'ocsp-client',
      'ec-client',
      'ed25519-client',
      'rsa-pss-client',
      'weak-rsa-client',
      'sha1-client',
      'ca-true-client',
      'constrained-ca',
      'constraint-violating-client',
      'tpp1-superstring',
      'tpp1-ou-smuggle',
      'weak-key-server',
      'sha1-server',
    ]);
    expect((await stat(set.dir)).mode & 0o777).to.equal(0o700);
    for (const name of set.names()) {
      expect((await stat(set.path(name, 'key'))).mode & 0o777, `${name}.key`).to.equal(0o600);
      expect((await stat(set.path(name, 'p12'))).mode & 0o777, `${name}.p12`).to.equal(0o600);
      expect((await readFile(set.path(name, 'key'), 'utf8')).startsWith('-----BEGIN PRIVATE KEY-----')).to.be
        .true;
    }
    for (const bundle of ['ca1', 'ca2', 'rogue-ca', 'ca1+ca2']) {
      expect(set.manifest.trustBundles[bundle]).to.equal(`trust/${bundle}.pem`);
    }
    expect(await readFile(join(set.dir, 'trust/ca1+ca2.pem'), 'utf8')).to.equal(
      set.trustBundlePem(['ca1', 'ca2']),
    );
  });

  it('gives ca2 the same subject DN as ca1 but its own key identifier', async () => {
    const set = await testFixtures();
    const ca1 = new X509Certificate(set.certificatePem('ca1'));
    const ca2 = new X509Certificate(set.certificatePem('ca2'));
    expect(ca2.subject).to.equal(ca1.subject);
    expect(ca1.subject).to.include('CN=Axway Root CA');
    expect(ca2.fingerprint256).to.not.equal(ca1.fingerprint256);
    expect(ca2.checkIssued(ca2)).to.be.true;
    expect(new X509Certificate(set.certificatePem('tpp2')).checkIssued(ca1)).to.be.false;
  });

  it("puts the seed's tpp1.cnf subject fields and SAN in tpp1", async () => {
    const tpp1 = (await testFixtures()).manifest.identities.find((identity) => identity.name === 'tpp1');
    expect(tpp1?.subject).to.equal(
      'businessCategory=Third Party Provider 1, jurisdictionC=BR, serialNumber=18505934000140, C=BR, O=AXWAY, ' +
        'ST=SP, L=São Paulo, OU=00000000-0000-0000-0000-000000000002, UID=00000000-0000-0000-0000-000000000002, ' +
        'CN=tpp1.demo.axway.com',
    );
    expect(tpp1?.subjectAltNames).to.deep.equal(['tpp1.demo.axway.com']);
    expect(tpp1?.extendedKeyUsage).to.deep.equal(['clientAuth']);
  });

  it('records in the manifest what each certificate is, and never the passphrase', async () => {
    const set = await testFixtures();
    const text = await readFile(join(set.dir, 'manifest.json'), 'utf8');
    expect(text).to.not.include(testPassphrase);
    expect(text).to.not.include('PRIVATE KEY');
    const server = set.manifest.identities.find((identity) => identity.name === 'server');
    expect(server).to.include({ role: 'server', issuerName: 'ca1' });
    expect(server?.subjectAltNames).to.deep.equal(['localhost', '127.0.0.1']);
    expect(server?.key).to.deep.equal({ type: 'rsa', bits: 2048 });
    expect(server?.files).to.deep.equal({ crt: 'server.crt', key: 'server.key', p12: 'server.p12' });
    for (const identity of set.manifest.identities) {
      const x509 = new X509Certificate(set.certificatePem(identity.name));
      expect(identity.fingerprintSha256).to.equal(x509.fingerprint256);
      expect(identity.serialNumber).to.equal(x509.serialNumber.toUpperCase());
    }
    const serials = set.manifest.identities.map((identity) => identity.serialNumber);
    expect(new Set(serials).size).to.equal(serials.length);
    expect(set.manifest.specHash).to.match(/^[0-9a-f]{64}$/);
  });

  it('answers issuerOf, rootOf and chains for the intermediate', async () => {
    const set = await testFixtures();
    expect(set.issuerOf('tpp2')).to.equal('ca2');
    expect(set.issuerOf('ca1')).to.equal(null);
    expect(set.issuerOf('self-signed')).to.equal(null);
    expect(set.rootOf('intermediate-leaf')).to.equal('ca1');
    expect(set.rootOf('ca1')).to.equal('ca1');
    expect(set.rootOf('self-signed')).to.equal(null);
    const withChain = set.identity('intermediate-leaf');
    expect(withChain.chainPems).to.deep.equal([set.certificatePem('intermediate-ca')]);
    expect(set.identity('intermediate-leaf', { withChain: false }).chainPems).to.deep.equal([]);
    expect(await readFile(set.path('intermediate-leaf', 'chain'), 'utf8')).to.equal(
      set.certificatePem('intermediate-leaf') + set.certificatePem('intermediate-ca'),
    );
    expect(withChain.certificate.subject).to.include('CN=intermediate-leaf.demo.axway.com');
    expect(withChain.label).to.equal('intermediate-leaf');
  });

  it('refuses an unknown fixture name with the list of known ones', async () => {
    const set = await testFixtures();
    expect(() => set.identity('tpp9')).to.throw(
      /Cannot find fixture "tpp9" in .*\. Known fixtures: ca1, ca2, rogue-ca,/,
    );
    expect(() => set.path('tpp1', 'chain')).to.throw(
      'Cannot give the chain file of fixture "tpp1": it has none',
    );
  });
});

describe('generateFixtureSet: cache', () => {
  const dir = join(scratch, 'cache');
  before(async () => rm(dir, { recursive: true, force: true }));

  it('reuses the set for the same spec and passphrase without writing a file', async () => {
    const first = await generateFixtureSet({ outDir: dir, passphrase: 'one', spec: smallSpec });
    expect(first.outcome).to.equal('generated');
    const files = ['root.crt', 'root.key', 'root.p12', 'leaf.crt', 'leaf.p12', 'manifest.json'];
    const before = await mtimes(dir, files);
    const second = await generateFixtureSet({ outDir: dir, passphrase: 'one', spec: smallSpec });
    expect(second.outcome).to.equal('reused');
    expect(second.reason).to.equal(null);
    expect(await mtimes(dir, files)).to.deep.equal(before);
    expect(second.manifest).to.deep.equal(first.manifest);
  });

  it('rewrites only the keystores when the passphrase changes, and records no passphrase', async () => {
    const before = await generateFixtureSet({ outDir: dir, passphrase: 'one', spec: smallSpec });
    const crtTimes = await mtimes(dir, ['root.crt', 'leaf.key']);
    const p12Before = await readFile(join(dir, 'leaf.p12'));
    const after = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    expect(after.outcome).to.equal('keystores-rewritten');
    expect(after.reason).to.equal('the passphrase changed');
    expect(await mtimes(dir, ['root.crt', 'leaf.key'])).to.deep.equal(crtTimes);
    expect(await readFile(join(dir, 'leaf.p12'))).to.not.deep.equal(p12Before);
    expect(after.manifest.identities).to.deep.equal(before.manifest.identities);
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).to.not.match(/"(one|two)"/);
    const again = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    expect(again.outcome).to.equal('reused');
  });

  it('rewrites the keystores as 3DES for legacyP12', async () => {
    const report = await generateFixtureSet({
      outDir: dir,
      passphrase: 'two',
      spec: smallSpec,
      legacyP12: true,
    });
    expect(report.outcome).to.equal('keystores-rewritten');
    expect(report.manifest.keystores.algorithm).to.equal('3des');
  });

  it('regenerates everything with force, or when the spec changes', async () => {
    const before = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    const forced = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec, force: true });
    expect(forced).to.include({ outcome: 'generated', reason: 'forced' });
    expect(forced.manifest.identities[0]?.fingerprintSha256).to.not.equal(
      before.manifest.identities[0]?.fingerprintSha256,
    );
    const changed: FixtureSpec = { ...smallSpec, identities: [...smallSpec.identities.slice(0, 1)] };
    const respecified = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: changed });
    expect(respecified).to.include({ outcome: 'generated', reason: 'the spec changed' });
    // The identity the new spec dropped is not left behind.
    const leftover = await stat(join(dir, 'leaf.crt')).catch((error: NodeJS.ErrnoException) => error.code);
    expect(leftover).to.equal('ENOENT');
  });

  it('two concurrent calls on one folder: one generates, the other waits on the lock and reuses', async () => {
    const concurrent = join(scratch, 'concurrent');
    await rm(concurrent, { recursive: true, force: true });
    const reports = await Promise.all([
      generateFixtureSet({ outDir: concurrent, passphrase: 'p', spec: smallSpec }),
      generateFixtureSet({ outDir: concurrent, passphrase: 'p', spec: smallSpec }),
    ]);
    expect(reports.map((report) => report.outcome).sort()).to.deep.equal(['generated', 'reused']);
    expect(reports[0]?.manifest).to.deep.equal(reports[1]?.manifest);
    const lock = await stat(join(concurrent, '.generate.lock')).catch(
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(lock).to.equal('ENOENT');
  });

  it('takes over a lock left by a process that died', async () => {
    const stale = join(scratch, 'stale-lock');
    await rm(stale, { recursive: true, force: true });
    await mkdir(join(stale, '.generate.lock'), { recursive: true });
    // A pid above Linux's pid_max (4194304) cannot belong to a live process.
    await writeFile(join(stale, '.generate.lock', 'pid'), '4194305');
    const report = await generateFixtureSet({ outDir: stale, passphrase: 'p', spec: smallSpec });
    expect(report.outcome).to.equal('generated');
  });

  it('writeFileAtomic sets the mode whatever the umask, and leaves no temporary file', async () => {
    const folder = join(scratch, 'atomic');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const previous = process.umask(0o077);
    try {
      await writeFileAtomic(join(folder, 'public.pem'), 'x', 0o644);
    } finally {
      process.umask(previous);
    }
    await writeFileAtomic(join(folder, 'secret.key'), 'y', 0o600);
    await writeFileAtomic(join(folder, 'secret.key'), 'z', 0o600);
    expect((await stat(join(folder, 'public.pem'))).mode & 0o777).to.equal(0o644);
    expect((await stat(join(folder, 'secret.key'))).mode & 0o777).to.equal(0o600);
    expect(await readFile(join(folder, 'secret.key'), 'utf8')).to.equal('z');
    expect(await readdir(folder)).to.deep.equal(['public.pem', 'secret.key']);
  });

  it('neither reads nor writes through a manifest edited to point outside the set', async () => {
    await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    const manifestFile = join(dir, 'manifest.json');
    const edited = (await readFile(manifestFile, 'utf8')).replace('"leaf.key"', '"../../outside.key"');
    await writeFile(manifestFile, edited);
    const opened = await openFixtureSet(dir).catch((error: unknown) => error);
    expect((opened as Error).message).to.equal(
      `${dir}: not a fixture set (manifest.json names a file outside the set (../../outside.key)). Generate one: mtls-conformance fixtures --out ${dir}.`,
    );
    const report = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    expect(report).to.include({
      outcome: 'generated',
      reason: 'manifest.json names a file outside the set (../../outside.key)',
    });
  });

  it('regenerates when a file is missing', async () => {
    await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    await rm(join(dir, 'leaf.key'));
    const report = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec });
    expect(report).to.include({ outcome: 'generated', reason: 'leaf.key is missing or empty' });
  });

  it('regenerates when a certificate no longer means what it meant (the clock moved past it)', async () => {
    await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec, now: fixedNow, force: true });
    const later = new Date(fixedNow.getTime() + 31 * 24 * 3600 * 1000);
    const report = await generateFixtureSet({ outDir: dir, passphrase: 'two', spec: smallSpec, now: later });
    expect(report).to.include({
      outcome: 'generated',
      reason: 'leaf was valid when generated and is expired now',
    });
  });
});

describe('generateFixtureSet: fixed clock', () => {
  it('counts validity from `now`, in whole seconds', async () => {
    const dir = join(scratch, 'fixed-clock');
    const report = await generateFixtureSet({
      outDir: dir,
      passphrase: 'x',
      spec: smallSpec,
      now: new Date('2030-01-15T12:00:00.750Z'),
      force: true,
    });
    expect(report.manifest.generatedAt).to.equal('2030-01-15T12:00:00.000Z');
    const leaf = report.manifest.identities.find((identity) => identity.name === 'leaf');
    expect(leaf).to.include({ notBefore: '2030-01-15T12:00:00.000Z', notAfter: '2030-02-14T12:00:00.000Z' });
    const root = report.manifest.identities.find((identity) => identity.name === 'root');
    expect(root).to.include({ notAfter: '2040-01-13T12:00:00.000Z', issuerName: null, role: 'root-ca' });
  });

  it('refuses an empty passphrase and an --out that is a file', async () => {
    const error = await generateFixtureSet({ outDir: join(scratch, 'x'), passphrase: '' }).catch(
      (caught: unknown) => caught,
    );
    expect(isHarnessError(error) && error.message).to.equal(
      'Cannot generate fixtures: the keystore passphrase is empty (""). Give a non-empty passphrase.',
    );
    const file = join((await testFixtures()).dir, 'manifest.json');
    const notAFolder = await generateFixtureSet({ outDir: file, passphrase: 'x' }).catch(
      (caught: unknown) => caught,
    );
    expect(isHarnessError(notAFolder) && notAFolder.message).to.equal(
      `${file}: exists and is not a folder. Give --out a new or existing folder.`,
    );
  });

  it('openFixtureSet refuses a folder without a manifest', async () => {
    const error = await openFixtureSet(scratch + '/nowhere').catch((caught: unknown) => caught);
    expect(isHarnessError(error) && error.message).to.equal(
      `${scratch}/nowhere: not a fixture set (no manifest.json). Generate one: mtls-conformance fixtures --out ${scratch}/nowhere.`,
    );
  });
});
