import { lstat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Every entry under `root` (recursively) with its size and modification time, one string each, sorted:
 * two equal snapshots mean nothing was created, removed or rewritten there. A missing root is `[]`.
 */
export async function snapshotFileTree(root: string): Promise<string[]> {
  const entries: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      const path = join(folder, name);
      const stats = await lstat(path);
      entries.push(`${relative(root, path)} ${stats.size} ${stats.mtimeMs}`);
      if (stats.isDirectory()) await walk(path);
    }
  };
  await walk(root);
  return entries.sort();
}
