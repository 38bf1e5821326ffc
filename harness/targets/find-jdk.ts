import { access, constants, realpath } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { binaryError } from './binary-error.ts';

/** The three programs of one JDK the java provider runs, each an absolute path in the same folder. */
export interface Jdk {
  java: string;
  javac: string;
  keytool: string;
}

const installFix = 'Install a JDK (apt-get install default-jdk-headless) or set java.binary.';

/**
 * The JDK whose `java` is `binary`: a path, or a name looked up in $JAVA_HOME/bin and then on PATH.
 * javac and keytool are taken from the folder the launcher really lives in (Debian's /usr/bin/java is a
 * link to /usr/lib/jvm/…/bin/java), so the server is compiled, and its keystores written, by the JDK
 * that runs it. A missing piece is one line: what was looked for, and the fix.
 */
export async function findJdk(
  target: string,
  binary: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Jdk> {
  const java = await locate(binary, env);
  if (java === undefined) {
    throw binaryError({ target, program: 'java', binary, code: 'ENOENT', fix: installFix });
  }
  const folder = dirname(await realpath(java));
  const [javac, keytool] = [join(folder, 'javac'), join(folder, 'keytool')];
  for (const [tool, path] of [
    ['javac', javac],
    ['keytool', keytool],
  ] as const) {
    if (!(await isExecutable(path))) {
      throw new HarnessError(
        `Cannot start target "${target}": no ${tool} beside ${join(folder, 'java')}, so this is a Java runtime without the JDK tools. The java provider compiles its JSSE server with javac and writes its keystores with keytool: ${installFix}`,
      );
    }
  }
  return { java, javac, keytool };
}

async function locate(binary: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (binary.includes('/')) return (await isExecutable(binary)) ? binary : undefined;
  const folders = [
    ...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin')] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
  ];
  for (const folder of folders) {
    const candidate = join(folder, binary);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
