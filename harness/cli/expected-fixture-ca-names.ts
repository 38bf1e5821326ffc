import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFixtureSpec } from '../pki/default-fixture-spec.ts';
import { manifestFileName } from '../pki/read-fixture-manifest.ts';

/**
 * The CA names a run's fixture set will have, known before the set exists: those of the set in `dir`,
 * or of the built-in spec that `run` generates when the folder has none. Lets one config pass name a
 * `trusts: [ca3]` together with every other problem, before any fixture is written. Undefined when the
 * manifest cannot be read: the set is then opened later and its own error reported.
 */
export function expectedFixtureCaNames(dir: string): readonly string[] | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, manifestFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    return caNamesOf(defaultFixtureSpec.identities);
  }
  try {
    const manifest = JSON.parse(text) as { identities?: unknown };
    return Array.isArray(manifest.identities)
      ? caNamesOf(manifest.identities as Array<{ name?: unknown; role?: unknown }>)
      : undefined;
  } catch {
    return undefined;
  }
}

function caNamesOf(identities: ReadonlyArray<{ name?: unknown; role?: unknown }>): string[] {
  return identities.flatMap((identity) =>
    typeof identity.name === 'string' && typeof identity.role === 'string' && identity.role.endsWith('ca')
      ? [identity.name]
      : [],
  );
}
