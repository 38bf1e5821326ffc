import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';

/** Files readable only by their owner: private keys and keystores that hold them. */
export const privateFileMode = 0o600;
export const publicFileMode = 0o644;

/** One file of a fixture set, its path relative to the set's folder. */
export interface FixtureFile {
  path: string;
  data: string | Uint8Array;
  mode: number;
}

/** Writes files of a set concurrently, each atomically, creating sub-folders (0700) as needed. */
export async function writeFixtureFiles(dir: string, files: readonly FixtureFile[]): Promise<void> {
  const folders = new Set(files.map((file) => dirname(join(dir, file.path))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true, mode: 0o700 })));
  await Promise.all(files.map((file) => writeFileAtomic(join(dir, file.path), file.data, file.mode)));
}
