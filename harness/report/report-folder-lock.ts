import { randomBytes } from 'node:crypto';
import { readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { currentProcessIdentity, processState, type ProcessIdentity } from '../common/process-identity.ts';
import { describeWriteFailure } from './describe-write-failure.ts';

/** The lock file's name, inside the report folder. */
export const reportFolderLockName = '.mtls-conformance.lock';

/** What a lock file holds: who writes into the folder, since when. */
export interface LockHolder extends ProcessIdentity {
  /** When the run started, ISO 8601. */
  startedAt: string;
  /** Tells this lock from a later one of the same process. */
  id: string;
}

/** A held lock: `await using lock = await lockReportFolder(dir)` releases it when the scope ends. */
export interface ReportFolderLock extends AsyncDisposable {
  file: string;
  /** The lock of a run that no longer runs, which this one replaced: worth a line to the user. */
  replacedStale?: LockHolder;
  /**
   * Removes the lock file, if it is still this run's, and the folders the lock made if the run left
   * them empty (a run refused after the lock must leave nothing behind). Also done when the process exits.
   */
  release(): Promise<void>;
}

/**
 * Makes the report folder (with its parents) and takes its lock, before a run sends its first probe:
 * a folder that cannot be created or written (a path through a file, a read-only mount, a full disk)
 * and a folder another run is writing into are refused now, in one line, rather than after all the
 * probing, when two runs would print the same report paths and one's results would be lost.
 *
 * The lock is a file created whole (written aside, fsync'ed, then hard-linked into place, which fails
 * if one exists) holding the pid, host, process start and run start. One whose process no longer runs
 * on this host is replaced; one from another host cannot be checked and is respected.
 */
export async function lockReportFolder(dir: string): Promise<ReportFolderLock> {
  const file = join(dir, reportFolderLockName);
  let madeFrom: string | undefined;
  try {
    madeFrom = await makeFolder(dir);
  } catch (error) {
    throw unusable(dir, error);
  }
  const holder: LockHolder = {
    ...currentProcessIdentity(),
    startedAt: new Date().toISOString(),
    id: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  // Writing the lock proves the folder takes a file and its first block (a full disk fails here).
  const aside = `${file}.${holder.pid}.${holder.id}`;
  try {
    await writeDurably(aside, text);
  } catch (error) {
    await unlink(aside).catch(() => {});
    removeEmptyFolders(dir, madeFrom);
    throw unusable(dir, error);
  }
  let replacedStale: LockHolder | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      if (await placeLock(aside, file, text)) break;
      const current = await readHolder(file);
      if (current === undefined) continue; // released in between: try again
      if (current.state === 'held' || attempt >= 3) throw held(dir, file, current.holder);
      if (await removeStale(file, current.text)) replacedStale = current.holder;
    }
  } catch (error) {
    removeEmptyFolders(dir, madeFrom);
    throw error;
  } finally {
    await unlink(aside).catch(() => {});
  }
  const releaseOnExit = (): void => {
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      // already gone
    }
    removeEmptyFolders(dir, madeFrom);
  };
  // A second Ctrl-C ends the process with process.exit(130): the lock must not outlive it.
  process.once('exit', releaseOnExit);
  const release = async (): Promise<void> => {
    process.off('exit', releaseOnExit);
    if ((await readFile(file, 'utf8').catch(() => undefined)) === text) await unlink(file).catch(() => {});
    removeEmptyFolders(dir, madeFrom);
  };
  return { file, ...(replacedStale ? { replacedStale } : {}), release, [Symbol.asyncDispose]: release };
}

/**
 * mkdir -p, returning the first folder it made (undefined when the folder was there). Node's recursive
 * mkdir reports ENOENT when the real cause is another (EROFS on a read-only mount, seen with Node 20):
 * then the first missing folder is made alone, which fails with the cause.
 */
async function makeFolder(dir: string): Promise<string | undefined> {
  try {
    return await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = dir;
    while (dirname(missing) !== missing && !(await isFolder(dirname(missing)))) missing = dirname(missing);
    await mkdir(missing);
    await mkdir(dir, { recursive: true });
    return missing;
  }
}

/** The folders made for the report folder, deepest first: dir up to the first one made. */
function foldersMade(dir: string, madeFrom: string | undefined): string[] {
  if (madeFrom === undefined) return [];
  const folders = [dir];
  while (folders.at(-1) !== madeFrom && dirname(folders.at(-1)!) !== folders.at(-1)) {
    folders.push(dirname(folders.at(-1)!));
  }
  return folders;
}

/**
 * Removes the folders the lock made, deepest first, stopping at the first the run wrote into.
 * Synchronous: the process's exit handler needs it so, and a few rmdir calls cost nothing.
 */
function removeEmptyFolders(dir: string, madeFrom: string | undefined): void {
  for (const folder of foldersMade(dir, madeFrom)) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty: the run wrote into it
    }
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** Puts the lock in place unless one is there; false when one is. */
async function placeLock(aside: string, file: string, text: string): Promise<boolean> {
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (some network and FUSE mounts): create it exclusively instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  try {
    await writeDurably(file, text);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

type CurrentLock = { text: string; holder: LockHolder; state: 'held' | 'stale' };

/** The lock in place, and whether its run still runs; undefined when there is none any more. */
async function readHolder(file: string): Promise<CurrentLock | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let holder: LockHolder;
  try {
    holder = JSON.parse(text) as LockHolder;
  } catch {
    // Not written by a run (locks are placed whole): nobody holds it.
    return { text, holder: { pid: 0, hostname: '?', startedAt: '?', id: '?' }, state: 'stale' };
  }
  if (typeof holder.pid !== 'number' || typeof holder.hostname !== 'string') {
    return { text, holder, state: 'stale' };
  }
  return { text, holder, state: processState(holder) === 'gone' ? 'stale' : 'held' };
}

/**
 * Removes a stale lock without removing a live one that replaced it meanwhile: the file is moved aside
 * first (rename is atomic), and only removed if it is the stale one; otherwise it is put back.
 */
async function removeStale(file: string, staleText: string): Promise<boolean> {
  const moved = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, moved);
  } catch {
    return false; // someone else moved it: look again
  }
  const text = await readFile(moved, 'utf8').catch(() => undefined);
  if (text === staleText) {
    await unlink(moved).catch(() => {});
    return true;
  }
  await link(moved, file).catch(() => {});
  await unlink(moved).catch(() => {});
  return false;
}

function held(dir: string, file: string, holder: LockHolder): HarnessError {
  const host = holder.hostname === currentProcessIdentity().hostname ? '' : ` on host ${holder.hostname}`;
  return new HarnessError(
    `Cannot write the reports in ${dir}: another run is writing there (pid ${holder.pid}${host}, started ${holder.startedAt}; lock file ${file}). Wait for it to end, or give this run another --report-dir${host ? `; if that run is gone, remove ${file}` : ''}.`,
  );
}

function unusable(dir: string, error: unknown): HarnessError {
  return new HarnessError(
    `Cannot write the reports in ${dir}: ${describeWriteFailure(error)}. Nothing was run; choose a writable folder with --report-dir.`,
    { cause: error },
  );
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
