import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';
import type { BuiltIdentity } from './build-fixture-identities.ts';
import type { Pkcs12Algorithm } from './build-pkcs12.ts';
import { defaultFixtureSpec } from './default-fixture-spec.ts';
import { cacheMissReason } from './fixture-cache.ts';
import { fixtureFormatVersion, type FixtureManifest } from './fixture-manifest.ts';
import { withFixtureSetLock } from './fixture-set-lock.ts';
import { identityFiles, keystoreFile, trustBundleFiles, type KeystoreOptions } from './fixture-set-files.ts';
import type { FixtureSpec } from './fixture-spec.ts';
import { hashFixtureSpec } from './hash-fixture-spec.ts';
import { certificatePems } from './pem-blocks.ts';
import { createPassphraseVerifier, passphraseMatches } from './passphrase-verifier.ts';
import { manifestFileName, readFixtureManifest } from './read-fixture-manifest.ts';
import { validateFixtureSpec, type ResolvedFixtureSpec } from './validate-fixture-spec.ts';
import { crlFilesPresent, writeCrlFiles } from './write-crl-files.ts';
import { javaKeystoreFiles, writeJavaKeystores } from './write-java-keystores.ts';
import { publicFileMode, writeFixtureFiles } from './write-fixture-files.ts';

export interface GenerateFixtureSetOptions {
  /** Folder of the set; created if missing and made 0700, as it holds private keys. */
  outDir: string;
  /** Passphrase of every NAME.p12. Written nowhere: the manifest keeps only a salted verifier. */
  passphrase: string;
  /** Default: the built-in set (defaultFixtureSpec). Validated here. */
  spec?: FixtureSpec;
  /** Regenerate even when the set on disk matches the spec. Default false. */
  force?: boolean;
  /** 3DES instead of AES-256 keystores, for consumers that cannot read PBES2. Default false. */
  legacyP12?: boolean;
  /** The time relative validities count from. Default: the current time. */
  now?: Date;
  /**
   * Also write the Java forms with this keytool (findKeytool() finds one): NAME.jks next to each
   * NAME.p12, and trust/NAME.jks + trust/NAME.p12 truststores for each trust bundle. Kept while the
   * set is reused; rewritten with the keystores. Default: none.
   */
  javaKeystores?: { keytool: string };
}

export interface FixtureSetReport {
  /** Absolute path of the set's folder. */
  dir: string;
  manifest: FixtureManifest;
  /**
   * `generated`: every file written. `reused`: the set on disk matched; nothing written.
   * `keystores-rewritten`: keys and certificates reused, the .p12 files rewritten because the
   * passphrase or the keystore algorithm changed.
   */
  outcome: 'generated' | 'reused' | 'keystores-rewritten';
  /** Why the set on disk was not reused as it was; null when it was. */
  reason: string | null;
  /** With `javaKeystores`: whether the .jks files were written now or found up to date. */
  javaKeystores?: 'written' | 'reused';
  durationMs: number;
}

/**
 * Writes a complete fixture set (keys, certificates, chains, PKCS#12 keystores, trust bundles and
 * manifest.json) into `outDir`, or reuses the one there when it was made from the same spec.
 */
export async function generateFixtureSet(options: GenerateFixtureSetOptions): Promise<FixtureSetReport> {
  const started = performance.now();
  const spec = validateFixtureSpec(options.spec ?? defaultFixtureSpec);
  if (options.passphrase === '') {
    throw new HarnessError(
      'Cannot generate fixtures: the keystore passphrase is empty (""). Give a non-empty passphrase.',
    );
  }
  const dir = resolve(options.outDir);
  await prepareFolder(dir);
  const now = options.now ?? new Date();
  const algorithm: Pkcs12Algorithm = options.legacyP12 ? '3des' : 'aes256';
  const specHash = hashFixtureSpec(spec);

  const keystore = { passphrase: options.passphrase, algorithm };

  const result = await withFixtureSetLock(dir, async () => {
    const made = await makeOrReuseSet({ dir, spec, specHash, now, keystore, force: options.force ?? false });
    if (made.outcome === 'generated' || !(await crlFilesPresent(dir, made.manifest))) {
      await writeCrlFiles(dir, spec, made.manifest);
    }
    if (!options.javaKeystores) return made;
    if (made.outcome === 'reused' && (await javaFilesPresent(dir, made.manifest))) {
      return { ...made, javaKeystores: 'reused' as const };
    }
    const { keytool } = options.javaKeystores;
    const manifest = await writeJavaKeystores(dir, made.manifest, options.passphrase, keytool);
    await writeManifest(dir, manifest);
    return { ...made, manifest, javaKeystores: 'written' as const };
  });
  return { dir, ...result, durationMs: performance.now() - started };
}

type MadeSet = Pick<FixtureSetReport, 'manifest' | 'outcome' | 'reason'>;

async function makeOrReuseSet(set: Omit<NewSet, 'previous'> & { force: boolean }): Promise<MadeSet> {
  const { dir, specHash, now, keystore } = set;
  const existing = await readFixtureManifest(dir);
  const previous = existing.manifest;
  const reason = set.force
    ? 'forced'
    : previous === null
      ? existing.reason
      : await cacheMissReason(dir, previous, specHash, now);
  if (previous === null || reason !== null) {
    const manifest = await writeNewSet({ ...set, previous });
    return { manifest, outcome: 'generated', reason };
  }
  const { keystores } = previous;
  if (
    keystores.algorithm === keystore.algorithm &&
    passphraseMatches(keystores.passphraseVerifier, keystore.passphrase)
  ) {
    return { manifest: previous, outcome: 'reused', reason: null };
  }
  const why =
    keystores.algorithm === keystore.algorithm
      ? 'the passphrase changed'
      : `the keystore algorithm changed to ${keystore.algorithm}`;
  const manifest = await rewriteKeystores(dir, previous, keystore);
  return { manifest, outcome: 'keystores-rewritten', reason: why };
}

/** Whether the set records its Java keystores and they are all on disk. */
async function javaFilesPresent(dir: string, manifest: FixtureManifest): Promise<boolean> {
  const files = javaKeystoreFiles(manifest);
  if (manifest.trustStores === undefined || files.length === 0) return false;
  const found = await Promise.all(
    files.map((file) =>
      stat(join(dir, file)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

async function prepareFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new HarnessError(`${dir}: exists and is not a folder. Give --out a new or existing folder.`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone (and applies the umask): set it.
  await chmod(dir, 0o700);
}

interface NewSet {
  dir: string;
  spec: ResolvedFixtureSpec;
  specHash: string;
  now: Date;
  keystore: KeystoreOptions;
  /** The set being replaced, whose files the new one lacks are removed. */
  previous: FixtureManifest | null;
}

async function writeNewSet({
  dir,
  spec,
  specHash,
  now,
  keystore,
  previous,
}: NewSet): Promise<FixtureManifest> {
  // Loaded only to make a set: certificate building (@peculiar/*) is most of a run's module loading,
  // and a run with its set in place never makes one.
  const [{ startFixtureIdentities }] = await Promise.all([
    import('./build-fixture-identities.ts'),
    // Without a manifest a half-rewritten folder is never taken for a finished set.
    rm(join(dir, manifestFileName), { force: true }),
  ]);
  const pending = startFixtureIdentities(spec, now);
  // Each keystore is built (JavaScript, main thread) as soon as its identity exists, while the thread
  // pool is still generating the other keys.
  const built = new Map<string, BuiltIdentity>();
  const perIdentity = await Promise.all(
    spec.identities.map(async ({ name }) => {
      const identity = await (pending.get(name) ?? Promise.reject(new Error(`no identity ${name}`)));
      built.set(name, identity);
      return identityFiles(identity, keystore);
    }),
  );
  const trust = trustBundleFiles(spec, built);
  await writeFixtureFiles(dir, [...perIdentity.flatMap((item) => item.files), ...trust.files]);
  const manifest: FixtureManifest = {
    formatVersion: fixtureFormatVersion,
    generatedAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    specHash,
    keystores: keystoreRecord(keystore),
    identities: spec.identities.map((identity) => {
      const item = perIdentity.find((candidate) => candidate.entry.name === identity.name);
      if (!item) throw new Error(`no files built for ${identity.name}`);
      return item.entry;
    }),
    trustBundles: trust.bundles,
  };
  await removeStaleFiles(dir, previous, manifest);
  await writeManifest(dir, manifest);
  return manifest;
}

async function rewriteKeystores(
  dir: string,
  manifest: FixtureManifest,
  keystore: KeystoreOptions,
): Promise<FixtureManifest> {
  const files = await Promise.all(
    manifest.identities.map(async (identity) => {
      const read = (file: string) => readFile(join(dir, file), 'utf8');
      const [key, certificates] = await Promise.all([
        read(identity.files.key),
        read(identity.files.chain ?? identity.files.crt),
      ]);
      return keystoreFile(identity.name, key, certificatePems(certificates), keystore);
    }),
  );
  await rm(join(dir, manifestFileName), { force: true });
  await writeFixtureFiles(dir, files);
  // The .jks files hold the old passphrase: remove them; `--jks` writes them again from the new .p12.
  await Promise.all(javaKeystoreFiles(manifest).map((file) => rm(join(dir, file), { force: true })));
  const { trustStores: _stale, ...rest } = manifest;
  const updated: FixtureManifest = {
    ...rest,
    identities: manifest.identities.map(({ files: { jks: _jks, ...kept }, ...identity }) => ({
      ...identity,
      files: kept,
    })),
    keystores: keystoreRecord(keystore),
  };
  await writeManifest(dir, updated);
  return updated;
}

/** Files of the previous set that the new one does not have (a renamed identity): remove them. */
async function removeStaleFiles(
  dir: string,
  previous: FixtureManifest | null,
  next: FixtureManifest,
): Promise<void> {
  if (!previous) return;
  const filesOf = (manifest: FixtureManifest) => [
    ...manifest.identities.flatMap((identity) => Object.values(identity.files)),
    ...Object.values(manifest.trustBundles),
    ...javaKeystoreFiles(manifest),
  ];
  const keep = new Set(filesOf(next));
  const stale = filesOf(previous).filter((file) => !keep.has(file) && !file.includes('..'));
  await Promise.all(stale.map((file) => rm(join(dir, file), { force: true })));
}

/** What the manifest says of the keystores: the algorithm and a verifier, never the passphrase. */
function keystoreRecord(keystore: KeystoreOptions): FixtureManifest['keystores'] {
  return { algorithm: keystore.algorithm, passphraseVerifier: createPassphraseVerifier(keystore.passphrase) };
}

async function writeManifest(dir: string, manifest: FixtureManifest): Promise<void> {
  await writeFileAtomic(
    join(dir, manifestFileName),
    `${JSON.stringify(manifest, null, 2)}\n`,
    publicFileMode,
  );
}
