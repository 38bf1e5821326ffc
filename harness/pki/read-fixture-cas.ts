import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import type { KnownCa } from './inspect-keystore.ts';
import { readFixtureManifest } from './read-fixture-manifest.ts';
import { isCaRole } from './fixture-spec.ts';

/**
 * The CA certificates of the fixture set in `dir` (root and intermediate CAs), to recognise which one
 * a keystore chains to. Reads only the manifest and the CAs' .crt files: no key, no passphrase.
 */
export async function readFixtureCas(dir: string): Promise<KnownCa[]> {
  const absolute = resolve(dir);
  const read = await readFixtureManifest(absolute);
  if (read.manifest === null) {
    throw new HarnessError(
      `${absolute}: not a fixture set (${read.reason}). Give --fixtures the folder made by mtls-conformance fixtures.`,
    );
  }
  const cas = read.manifest.identities.filter((identity) => isCaRole(identity.role));
  return Promise.all(
    cas.map(async (ca) => ({
      name: ca.name,
      certificate: new X509Certificate(await readFile(join(absolute, ca.files.crt))),
    })),
  );
}
