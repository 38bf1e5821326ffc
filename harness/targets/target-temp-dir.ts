import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new private directory `<tmpdir>/<prefix><target>-XXXXXX` (mode 0700) for one started target's
 * files. The target name in it lets a person, or a test, tell whose leftovers they are.
 */
export function makeTargetTempDir(prefix: string, targetName: string): Promise<string> {
  const safeName = targetName.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  return mkdtemp(join(tmpdir(), `${prefix}${safeName}-`));
}
