import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { FixtureSpec } from '../../harness/pki/fixture-spec.ts';
import { generateFixtureSet } from '../../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../../harness/pki/open-fixture-set.ts';
import { findKeytool } from '../../harness/pki/run-keytool.ts';

/** The store and key password of every keystore of the JKS test set. Not a secret: test keys only. */
export const jksPassphrase = 'jks-test-passphrase-not-secret';

/** `.tmp/jks-fixtures` at the repository root (git-ignored). */
export const jksFixturesDir = fileURLToPath(new URL('../../.tmp/jks-fixtures', import.meta.url));

const rootCa = { C: 'BR', O: 'Axway', CN: 'Axway Root CA' };

/**
 * A small set for the Java tests: each keystore is one keytool run (a JVM start), so the set keeps
 * only what they use: two roots with one DN, an intermediate, the server, tpp1, tpp2 and a leaf
 * behind the intermediate, and the ca1+ca2 bundle.
 */
export const javaTestSpec: FixtureSpec = {
  version: 1,
  identities: [
    { name: 'ca1', role: 'root-ca', subject: rootCa },
    { name: 'ca2', role: 'root-ca', subject: rootCa },
    {
      name: 'intermediate-ca',
      role: 'intermediate-ca',
      issuer: 'ca1',
      subject: { O: 'Axway', CN: 'Axway Intermediate CA' },
    },
    {
      name: 'server',
      role: 'server',
      issuer: 'ca1',
      subject: { O: 'Axway', CN: 'localhost' },
      subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
    },
    { name: 'tpp1', role: 'client', issuer: 'ca1', subject: { O: 'AXWAY', CN: 'tpp1.demo.axway.com' } },
    { name: 'tpp2', role: 'client', issuer: 'ca2', subject: { O: 'AXWAY', CN: 'tpp2.demo.axway.com' } },
    {
      name: 'intermediate-leaf',
      role: 'client',
      issuer: 'intermediate-ca',
      subject: { O: 'AXWAY', CN: 'intermediate-leaf.demo.axway.com' },
    },
  ],
  trustBundles: [['ca1', 'ca2']],
};

/** The keytool the tests drive; they fail with this message where there is none. */
export function requireKeytool(): string {
  const keytool = findKeytool();
  if (keytool === undefined) throw new Error('keytool is not installed: the JKS tests need a Java runtime');
  return keytool;
}

let shared: Promise<FixtureSet> | undefined;

/** The Java test set with its .jks files, generated once (and cached across runs by the generator). */
export function jksFixtures(): Promise<FixtureSet> {
  shared ??= generateFixtureSet({
    outDir: jksFixturesDir,
    passphrase: jksPassphrase,
    spec: javaTestSpec,
    javaKeystores: { keytool: requireKeytool() },
  }).then((report) => openFixtureSet(report.dir));
  return shared;
}

const run = promisify(execFile);

/** Runs keytool as a user would, passwords on the command line (test keys only); resolves with stdout. */
export async function keytool(...args: string[]): Promise<string> {
  const { stdout } = await run(requireKeytool(), args, { env: { ...process.env, LC_ALL: 'C' } });
  return stdout;
}
