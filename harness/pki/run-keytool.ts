import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';

/** The environment variable keytool reads passwords from (`-storepass:env`), so none is on its command line. */
export const keytoolPasswordVariable = 'MTLSC_KEYTOOL_PASSWORD';

// keytool is a JVM start each time; these keep it short on a small machine (C1 only, serial GC), and
// IgnoreUnrecognizedVMOptions lets a JVM that lacks them (OpenJ9) run anyway.
const fastStartFlags = [
  '-J-XX:+IgnoreUnrecognizedVMOptions',
  '-J-XX:TieredStopAtLevel=1',
  '-J-XX:+UseSerialGC',
];

/**
 * Where keytool is: `$JAVA_HOME/bin/keytool` when JAVA_HOME is set and has one, else the first
 * `keytool` on PATH; undefined when there is none.
 */
export function findKeytool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    ...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin', 'keytool')] : []),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((folder) => join(folder, 'keytool')),
  ];
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The one line printed when `--jks` is asked for on a machine without keytool. */
export const keytoolMissingMessage =
  "Cannot write Java keystores: keytool was not found (neither $JAVA_HOME/bin/keytool nor on PATH). --jks runs the JDK's own keytool; install a Java runtime (Debian: apt-get install default-jre-headless) or leave out --jks.";

/**
 * Runs keytool with `args`; the password goes through the environment (`-storepass:env
 * MTLSC_KEYTOOL_PASSWORD`), never the process list. Resolves with stdout; a failure is a HarnessError
 * with keytool's own error line. `options.cwd`: the folder relative file names are resolved in
 * (default: this process's working directory).
 */
export function runKeytool(
  keytool: string,
  args: readonly string[],
  password: string,
  options: { cwd?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const [program, argv] = withPrivateUmask(keytool, [...fastStartFlags, ...args]);
    const child = spawn(program, argv, {
      env: { ...process.env, [keytoolPasswordVariable]: password, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd !== undefined && { cwd: options.cwd }),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      reject(
        new HarnessError(`Cannot run ${keytool} (${error.message}). ${keytoolMissingMessage}`, {
          cause: error,
        }),
      );
    });
    child.once('close', (code) => {
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0) {
        resolve(out);
        return;
      }
      // sh could not start keytool (126: not executable, 127: not found): what spawn itself would say.
      if (program !== keytool && (code === 126 || code === 127)) {
        reject(new HarnessError(`Cannot run ${keytool} (exit ${code}). ${keytoolMissingMessage}`));
        return;
      }
      const text = `${Buffer.concat(stderr).toString('utf8')}\n${out}`;
      const line = text.split('\n').find((candidate) => /keytool error|Exception|error/i.test(candidate));
      reject(
        new HarnessError(`keytool ${args[0] ?? ''} failed (exit ${String(code)}): ${(line ?? text).trim()}`),
      );
    });
  });
}

/**
 * keytool creates the store it writes with the process umask (Java opens it 0666 & ~umask: 0644 under
 * the usual 022), so a keystore with a private key would be readable by others until it is chmod'ed.
 * Through `sh -c 'umask 077 && exec …'` it is 0600 from its creation; the harness's own umask is left
 * alone (changing it would also change files other async work creates meanwhile). Windows has no umask.
 */
function withPrivateUmask(keytool: string, args: readonly string[]): [string, string[]] {
  if (process.platform === 'win32') return [keytool, [...args]];
  return ['/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', keytool, ...args]];
}
