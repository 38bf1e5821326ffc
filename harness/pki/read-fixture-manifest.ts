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
  return { manifest: manifest as FixtureManifest };
}
