import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from '../common/harness-error.ts';

const lockName = '.generate.lock';

/**
 * Runs `work` while holding a lock on a fixture folder, so two processes (two test runs, a test run
 * and the CLI) never interleave writes and leave keys that do not match their certificates. mkdir is
 * atomic on every local file system; a lock left by a process that died is taken over.
 * `timeoutMs` (default 120 s) bounds the wait for a live holder.
 */
export async function withFixtureSetLock<T>(
  dir: string,
  work: () => Promise<T>,
  timeoutMs = 120_000,
): Promise<T> {
  const lock = join(dir, lockName);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lock, { mode: 0o700 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(lock);
    if (holder === undefined ? await isOrphan(lock) : !isAlive(holder)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new HarnessError(
        `${dir}: another process is generating fixtures here (lock ${lock}, pid ${holder ?? 'unknown'}). ` +
          `Wait for it to finish, or remove ${lock} if no such process runs.`,
      );
    }
    await sleep(50);
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function readHolder(lock: string): Promise<number | undefined> {
  const text = await readFile(join(lock, 'pid'), 'utf8').catch(() => undefined);
  const pid = Number(text);
  return text && Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

// A lock without a pid file is either being taken right now or was left by a crash in between.
async function isOrphan(lock: string): Promise<boolean> {
  const info = await stat(lock).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > 10_000;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
