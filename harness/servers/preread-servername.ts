import type { Socket } from 'node:net';
import { readClientHelloServername } from './client-hello-servername.ts';

/**
 * Reads a connection's ClientHello without consuming it and says which SNI name it carries: `null` for
 * none, `undefined` when the bytes are not a ClientHello or the client went away first (the TLS layer
 * then fails the connection as usual). The bytes are put back, so a TLSSocket built on `raw` afterwards
 * sees the whole handshake. Resolves within `timeoutMs`.
 */
export function prereadServername(raw: Socket, timeoutMs: number): Promise<string | null | undefined> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const finish = (servername: string | null | undefined): void => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('close', onEnd);
      raw.pause();
      if (buffered.length > 0) raw.unshift(buffered);
      resolve(servername);
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const read = readClientHelloServername(buffered);
      if (read.state === 'complete') finish(read.servername);
      else if (read.state === 'not-tls') finish(undefined);
    };
    const onEnd = (): void => finish(undefined);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('close', onEnd);
  });
}
