import { findJdk } from '../../harness/targets/find-jdk.ts';

/** Whether this machine has a JDK the java provider can use: java with javac and keytool beside it. */
export async function javaAvailable(): Promise<boolean> {
  return findJdk('probe-for-jdk', 'java').then(
    () => true,
    () => false,
  );
}
