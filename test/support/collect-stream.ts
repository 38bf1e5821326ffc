import { PassThrough } from 'node:stream';

/** A writable stream that keeps what was written, for asserting on a command's output. */
export function collectStream(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}
