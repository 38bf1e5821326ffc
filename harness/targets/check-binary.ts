import { access, constants } from 'node:fs/promises';
import { binaryError, type BinaryErrorParams } from './binary-error.ts';

/**
 * Throws binaryError's one line when `binary` is a path that cannot be executed, so a provider that
 * checks more (Apache's modules, the JDK's javac) names the program first when it is not installed.
 * A bare name is left to the spawn, which looks it up on PATH.
 */
export async function checkBinary(params: Omit<BinaryErrorParams, 'code'>): Promise<void> {
  if (!params.binary.includes('/')) return;
  const code = await access(params.binary, constants.X_OK).then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error.code ?? 'EACCES',
  );
  if (code !== undefined) throw binaryError({ ...params, code });
}
