import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one, never a
 * half-written file: write a temporary file in the same folder, then rename it over the target
 * (rename(2) is atomic within one file system; a temporary file elsewhere could sit on another one).
 *
 * `mode` (default 0o644) is applied with chmod after opening, so the process umask cannot loosen or
 * tighten it; private keys pass 0o600 and are never readable by others, not even for an instant.
 * No fsync: this protects concurrent readers, not against power loss.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
