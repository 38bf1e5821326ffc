import { readFile } from 'node:fs/promises';
import { KeystoreError } from './keystore-error.ts';

/**
 * Reads a file a user named (certificate, key, keystore). Each failure is one KeystoreError line:
 * `<file>: <what happened> (<value seen>). <what to do>.`  `what` names the expected content.
 */
export async function readInputFile(file: string, what: string): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw describeReadFailure(file, error);
  }
  if (data.length === 0) {
    throw new KeystoreError(
      file,
      'empty',
      `${file}: the file is empty (0 bytes). Give the file that holds the ${what}.`,
    );
  }
  return data;
}

/** The KeystoreError for a failed read, by errno code. */
export function describeReadFailure(file: string, error: unknown): KeystoreError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const problem: Record<string, string> = {
    ENOENT: 'no such file',
    ENOTDIR: 'no such file',
    EISDIR: 'is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  const advice: Record<string, string> = {
    ENOENT: 'Check the path',
    ENOTDIR: 'Check the path',
    EISDIR: 'Give the path of the file inside it',
    EACCES: 'Check its permissions (ls -l), or run as the user that owns it',
    EPERM: 'Check its permissions (ls -l), or run as the user that owns it',
  };
  return new KeystoreError(
    file,
    'unreadable',
    `${file}: ${problem[code] ?? 'cannot be read'} (${code}). ${advice[code] ?? 'Check the path and the disk'}.`,
    { cause: error },
  );
}

/** What a file starts with, for messages: quoted text if printable, else the first bytes in hex. */
export function describeStart(data: Buffer): string {
  const head = data.subarray(0, 16);
  const printable = head.every(
    (byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f),
  );
  if (printable) return `starts with ${JSON.stringify(head.toString('latin1').split(/\r?\n/)[0])}`;
  return `starts with bytes ${head.subarray(0, 8).toString('hex')}`;
}
