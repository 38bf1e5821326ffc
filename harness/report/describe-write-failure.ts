/**
 * Why a file could not be written, for a person: `it, or a folder on its path, is a file`, `the file
 * system is read-only`, `no space left on the device`, or the error's own message.
 */
export function describeWriteFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'it, or a folder on its path, is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  return error instanceof Error ? error.message : String(error);
}
