import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type BoundedText =
  { text: string } | { tooLarge: true; /** Known for a regular file. */ size?: number };

/**
 * Reads a text file of at most `maxBytes`, without reading more than one byte past it: a regular file
 * larger than that is refused from its size alone, and a pipe or device (`/dev/zero`, a FIFO) once it
 * has given more. Errors (ENOENT, EACCES, EISDIR) are thrown as fs throws them.
 */
export function readBoundedText(path: string, maxBytes: number): BoundedText {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size > maxBytes) return { tooLarge: true, size: stats.size };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { tooLarge: true };
    return { text: buffer.subarray(0, length).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}
