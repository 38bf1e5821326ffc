import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, lstat, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import { makeTargetTempDir } from './target-temp-dir.ts';

/** The JSSE server's single source file, shipped with the harness. */
export const JSSE_SERVER_SOURCE = fileURLToPath(new URL('./java/JsseMtlsServer.java', import.meta.url));

/** Its main class, as `java -cp <classes> JsseMtlsServer` runs it. */
export const JSSE_SERVER_CLASS = 'JsseMtlsServer';

/** Prefix of the folder the compiled classes are kept in: `<tmpdir>/mtlsc-jsse-server-<hash>`. */
export const JSSE_CLASSES_PREFIX = 'mtlsc-jsse-server-';

const run = promisify(execFile);
const compiled = new Map<string, Promise<string>>();

/**
 * The folder of the compiled JSSE server, compiled by `javac` once per source, JDK and user and then
 * reused by every run on the machine: `java File.java` would compile it in memory on every start, about
 * 1 s on a 2-core machine against 0.3 s for the compiled classes. The folder is renamed into place
 * only once complete, so concurrent runs never see half of it, and is used only when it belongs to this
 * user and nobody else can write to it (else the classes are compiled into a private folder removed
 * at exit).
 */
export function compileJsseServer(javac: string): Promise<string> {
  let classes = compiled.get(javac);
  if (classes === undefined) {
    classes = compile(javac);
    // A failed compile is not cached: the next start tries again and reports its own error.
    classes.catch(() => compiled.delete(javac));
    compiled.set(javac, classes);
  }
  return classes;
}

async function compile(javac: string): Promise<string> {
  const source = await readFile(JSSE_SERVER_SOURCE);
  const uid = process.getuid?.() ?? 0;
  const hash = createHash('sha256').update(source).update(`\0${javac}\0${uid}`).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), `${JSSE_CLASSES_PREFIX}${hash}`);
  if (await isOwnCompleteFolder(cache, uid)) return cache;
  const work = await mkdtemp(join(tmpdir(), `${JSSE_CLASSES_PREFIX}${hash}-`));
  try {
    await runJavac(javac, work);
    await rename(work, cache).catch(async () => {
      // Another run put its own in place first (or something else is there): keep ours private.
      if (!(await isOwnCompleteFolder(cache, uid))) throw new Error('cache folder not usable');
      await rm(work, { recursive: true, force: true });
    });
    return cache;
  } catch (error) {
    if (isHarnessError(error)) {
      await rm(work, { recursive: true, force: true });
      throw error;
    }
    // The shared folder cannot be used: compile into a private one, removed when the process exits.
    await rm(work, { recursive: true, force: true });
    const own = await makeTargetTempDir(JSSE_CLASSES_PREFIX, 'private');
    await runJavac(javac, own);
    return own;
  }
}

async function runJavac(javac: string, out: string): Promise<void> {
  try {
    await run(javac, ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-d', out, JSSE_SERVER_SOURCE], {
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (error) {
    const output = (error as { stderr?: unknown }).stderr;
    const stderr = typeof output === 'string' ? output : '';
    const line = stderr.split('\n').find((candidate) => /error/i.test(candidate)) ?? stderr.trim();
    throw new HarnessError(
      `Cannot compile the JSSE server ${JSSE_SERVER_SOURCE} with ${javac}: ${line || String(error)}`,
      { cause: error },
    );
  }
}

async function isOwnCompleteFolder(folder: string, uid: number): Promise<boolean> {
  try {
    const stat = await lstat(folder);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return false;
    await access(join(folder, `${JSSE_SERVER_CLASS}.class`));
    return true;
  } catch {
    return false;
  }
}
