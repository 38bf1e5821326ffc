import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureFormatVersion, type FixtureManifest } from './fixture-manifest.ts';

export const manifestFileName = 'manifest.json';

/**
 * Reads DIR/manifest.json. Returns a reason instead of throwing when there is none or it is not one
 * this version wrote, so the generator can say why it regenerates and openFixtureSet why it refuses.
 */
export async function readFixtureManifest(
  dir: string,
): Promise<{ manifest: FixtureManifest } | { manifest: null; reason: string }> {
  let text: string;
  try {
    text = await readFile(join(dir, manifestFileName), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      manifest: null,
      reason: code === 'ENOENT' ? 'no manifest.json' : `manifest.json unreadable (${code})`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { manifest: null, reason: 'manifest.json is not valid JSON' };
  }
  const manifest = parsed as Partial<FixtureManifest> | null;
  if (manifest?.formatVersion !== fixtureFormatVersion || !Array.isArray(manifest.identities)) {
    return {
      manifest: null,
      reason: `manifest.json has another format (formatVersion ${String(manifest?.formatVersion)})`,
    };
  }
  const unsafe = manifestPaths(manifest as FixtureManifest).find((path) => !safePath.test(path));
  if (unsafe !== undefined)
    return { manifest: null, reason: `manifest.json names a file outside the set (${unsafe})` };
  return { manifest: manifest as FixtureManifest };
}

// Files of a set are `NAME.ext` or `trust/NAME.pem`: the generator never writes elsewhere, so a path
// that leaves the folder means the manifest was edited, and nothing is read or written through it.
const safePath = /^(trust\/)?[a-z0-9][a-z0-9+.-]*$/;

function manifestPaths(manifest: FixtureManifest): string[] {
  return [
    ...manifest.identities.flatMap((identity) => [identity.name, ...Object.values(identity.files ?? {})]),
    ...Object.values(manifest.trustBundles ?? {}),
    ...Object.values(manifest.trustStores ?? {}).flatMap((store) => [store.jks, store.p12]),
  ].map(String);
}
