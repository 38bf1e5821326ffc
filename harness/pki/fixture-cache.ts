import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureManifest } from './fixture-manifest.ts';
import { validityStatus } from './validity-window.ts';

/**
 * Whether a fixture set on disk can be reused for `specHash` at `now`. Returns null when it can, else
 * the reason it cannot ("the spec changed", "expired.crt is missing", ...). A set whose certificates
 * no longer mean what they meant (`not-yet-valid` has become valid, a CA has expired) is not reused.
 * Keystores are checked apart (keystoresMatch), as only the .p12 files depend on the passphrase.
 */
export async function cacheMissReason(
  dir: string,
  manifest: FixtureManifest,
  specHash: string,
  now: Date,
): Promise<string | null> {
  if (manifest.specHash !== specHash) return 'the spec changed';
  const generatedAt = new Date(manifest.generatedAt);
  for (const identity of manifest.identities) {
    const then = validityStatus(identity, generatedAt);
    const current = validityStatus(identity, now);
    if (then !== current) return `${identity.name} was ${then} when generated and is ${current} now`;
  }
  const files = [
    ...manifest.identities.flatMap((identity) => Object.values(identity.files)),
    ...Object.values(manifest.trustBundles),
  ];
  const sizes = await Promise.all(
    files.map((file) =>
      stat(join(dir, file)).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  const missing = files.find((_, index) => sizes[index] === 0);
  return missing === undefined ? null : `${missing} is missing or empty`;
}
