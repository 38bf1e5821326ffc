import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FixtureManifest } from './fixture-manifest.ts';
import { keytoolPasswordVariable, runKeytool } from './run-keytool.ts';
import { privateFileMode } from './write-fixture-files.ts';

const storePass = `:env`;

/**
 * Writes the Java forms of a fixture set with keytool itself (the tool Java users have, rather than a
 * JKS encoder of our own): NAME.jks from each NAME.p12 (`-importkeystore`, alias NAME), and for each
 * trust bundle trust/NAME.jks and trust/NAME.p12 with one trustedCertEntry per CA, aliased by its
 * fixture name (`-importcert -noprompt`). Every store has the fixture passphrase, as store and key
 * password. Files are 0600. Returns the manifest with the files recorded.
 */
export async function writeJavaKeystores(
  dir: string,
  manifest: FixtureManifest,
  passphrase: string,
  keytool: string,
): Promise<FixtureManifest> {
  const pass = (option: string) => [`${option}${storePass}`, keytoolPasswordVariable];
  const keystore = (name: string) => async () => {
    const target = join(dir, `${name}.jks`);
    await viaTemporary(target, (temporary) =>
      runKeytool(
        keytool,
        [
          '-importkeystore',
          '-noprompt',
          '-srckeystore',
          join(dir, `${name}.p12`),
          '-srcstoretype',
          'PKCS12',
          ...pass('-srcstorepass'),
          '-srcalias',
          name,
          '-destkeystore',
          temporary,
          '-deststoretype',
          'JKS',
          ...pass('-deststorepass'),
          ...pass('-destkeypass'),
          '-destalias',
          name,
        ],
        passphrase,
      ),
    );
  };
  const truststore = (bundle: string, storetype: 'JKS' | 'PKCS12', extension: string) => async () => {
    const target = join(dir, 'trust', `${bundle}.${extension}`);
    await viaTemporary(target, async (temporary) => {
      // One -importcert per CA, in order: keytool adds a single trusted certificate per run.
      for (const member of bundle.split('+')) {
        await runKeytool(
          keytool,
          [
            '-importcert',
            '-noprompt',
            '-trustcacerts',
            '-alias',
            member,
            '-file',
            join(dir, `${member}.crt`),
            '-keystore',
            temporary,
            '-storetype',
            storetype,
            ...pass('-storepass'),
          ],
          passphrase,
        );
      }
    });
  };
  const bundles = Object.keys(manifest.trustBundles);
  await mkdir(join(dir, 'trust'), { recursive: true, mode: 0o700 });
  await runBounded([
    ...manifest.identities.map((identity) => keystore(identity.name)),
    ...bundles.flatMap((bundle) => [truststore(bundle, 'JKS', 'jks'), truststore(bundle, 'PKCS12', 'p12')]),
  ]);
  return {
    ...manifest,
    identities: manifest.identities.map((identity) => ({
      ...identity,
      files: { ...identity.files, jks: `${identity.name}.jks` },
    })),
    trustStores: Object.fromEntries(
      bundles.map((bundle) => [bundle, { jks: `trust/${bundle}.jks`, p12: `trust/${bundle}.p12` }]),
    ),
  };
}

/** The Java files a manifest records, relative to the set's folder. */
export function javaKeystoreFiles(manifest: FixtureManifest): string[] {
  return [
    ...manifest.identities.flatMap((identity) =>
      identity.files.jks === undefined ? [] : [identity.files.jks],
    ),
    ...Object.values(manifest.trustStores ?? {}).flatMap((store) => [store.jks, store.p12]),
  ];
}

// keytool writes in place; a reader must never find a half-made store, so it writes beside the target
// and the finished file is renamed over it (atomic within one folder), 0600 like the .p12 files: keytool
// creates it 0600 (runKeytool's umask), and the chmod makes sure of it whatever a wrapper did.
async function viaTemporary(target: string, write: (temporary: string) => Promise<unknown>): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  try {
    await write(temporary);
    await chmod(temporary, privateFileMode);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Runs the jobs a few at a time: each is a JVM start, and the machine may have two cores. */
async function runBounded(jobs: Array<() => Promise<void>>): Promise<void> {
  const width = Math.max(1, Math.min(4, availableParallelism()));
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After a failure no new keytool is started: the first error is the one reported.
    while (next < jobs.length && !failed) {
      const job = jobs[next++];
      try {
        if (job) await job();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}
