import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionEndKind, ConnectionEnding } from './connection-ending.ts';
import { describeHandshakeFailure } from './describe-handshake-failure.ts';
import { handshakeProgress } from './handshake-progress.ts';

export interface ConnectionEndingWatch {
  /** The ending so far: undefined while the connection is open. */
  readonly ending: ConnectionEnding | undefined;
  /** The server is about to end the connection itself: records why before the socket closes. */
  serverEnds(how: Extract<ConnectionEndKind, 'refusal' | 'timeout'>): void;
}

export interface ConnectionEndingOptions {
  /** DER size of the server's certificate (see handshakeProgress). */
  certificateBytes: number;
  isStopping(): boolean;
  /** Called once, as soon as the first sign of the end arrives. */
  onEnded(ending: ConnectionEnding): void;
}

/**
 * Watches a server-side TLS socket for whoever ends it first and how far the handshake had got, so a
 * suite that tests clients can tell a client's refusal (an alert, or a close right after the server's
 * Certificate) from a server's refusal, a hang-up before the certificate, or the harness stopping.
 * Call it before adding other listeners: their handlers (which may destroy the socket) then see the
 * ending already recorded.
 */
export function watchConnectionEnding(
  socket: TLSSocket,
  raw: Socket,
  options: ConnectionEndingOptions,
): ConnectionEndingWatch {
  let secure = false;
  let ending: ConnectionEnding | undefined;
  let serverEnding: Extract<ConnectionEndKind, 'refusal' | 'timeout'> | undefined;
  const end = (fields: Pick<ConnectionEnding, 'how' | 'alert' | 'error'>): void => {
    if (ending !== undefined) return;
    const traffic = { bytesRead: raw.bytesRead, bytesWritten: raw.bytesWritten };
    ending = {
      ...fields,
      handshake: handshakeProgress({ secure, ...traffic, certificateBytes: options.certificateBytes }),
      ...traffic,
    };
    options.onEnded(ending);
  };

  socket.once('secure', () => {
    secure = true;
  });
  socket.on('error', (error: Error & { code?: string }) => end(describeHandshakeFailure(error).ending));
  // A FIN: the client's, unless the server had already ended its own side (an HTTP/1.0 answer).
  socket.once('end', () => end({ how: socket.writableEnded ? 'server-close' : 'close' }));
  socket.once('close', () => {
    end({ how: options.isStopping() ? 'stopped' : (serverEnding ?? 'server-close') });
  });
  return {
    get ending() {
      return ending;
    },
    serverEnds(how) {
      serverEnding = how;
    },
  };
}
