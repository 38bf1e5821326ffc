import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Directories made and not yet removed. They hold a copy of the server's private key (nginx) or
// other target files: removeTargetTempDirsSync() clears them on the way out of a process that cannot
// wait for the targets' teardown (a second Ctrl-C, process.exit after a crash).
const live = new Set<string>();
let exitHookInstalled = false;

/**
 * A new private directory `<tmpdir>/<prefix><target>-XXXXXX` (mode 0700) for one started target's
 * files. The target name in it lets a person, or a test, tell whose leftovers they are. Remove it with
 * removeTargetTempDir; if the process exits first, an exit hook removes it.
 */
export async function makeTargetTempDir(prefix: string, targetName: string): Promise<string> {
  const safeName = targetName.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  const dir = await mkdtemp(join(tmpdir(), `${prefix}${safeName}-`));
  live.add(dir);
  installExitHook();
  return dir;
}

/** Removes a directory made by makeTargetTempDir, and everything in it. */
export async function removeTargetTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/**
 * Removes every directory made by makeTargetTempDir and not yet removed, synchronously: safe in a
 * signal handler about to call process.exit and in an 'exit' listener, where nothing async runs.
 */
export function removeTargetTempDirsSync(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort on the way out: one folder that cannot be removed must not keep the others.
    }
    live.delete(dir);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', removeTargetTempDirsSync);
}
