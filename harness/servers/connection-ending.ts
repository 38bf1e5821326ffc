import type { HandshakeProgress } from './handshake-progress.ts';

/**
 * How a connection ended, from the server's side:
 * - `alert`: the client sent a fatal TLS alert (`alert` says which);
 * - `close`: the client closed its side (a FIN, after a close_notify alert or not);
 * - `reset`: the client reset the connection (RST), as a process that exits with unread data does;
 * - `not-tls`: the client sent something that is not TLS;
 * - `refusal`: the server refused the client (no version or cipher in common, no or an untrusted
 *   certificate);
 * - `timeout`: the server gave up waiting for the handshake;
 * - `server-close`: the server closed the connection after answering (HTTP/1.0, `Connection: close`);
 * - `stopped`: the server was stopped while the connection was open;
 * - `failure`: another error ended it (`failure` says which), whoever caused it.
 */
export type ConnectionEndKind =
  'alert' | 'close' | 'reset' | 'not-tls' | 'refusal' | 'timeout' | 'server-close' | 'stopped' | 'failure';

/** Which side ended the connection, by kind. */
export const endedByClient: ReadonlySet<ConnectionEndKind> = new Set(['alert', 'close', 'reset', 'not-tls']);

export interface ConnectionEnding {
  how: ConnectionEndKind;
  /** With `alert`: the alert the client sent, as OpenSSL reported it (`unknown_ca`, 48). */
  alert?: { code?: number; name: string };
  /** With `failure`: Node's error code. */
  error?: string;
  /** How far the handshake had got when the connection ended. */
  handshake: HandshakeProgress;
  /** Bytes read from and written to the client over TCP: what `handshake` was told from. */
  bytesRead: number;
  bytesWritten: number;
}

const progressWords: Record<HandshakeProgress, string> = {
  none: 'before sending anything',
  'client-hello': 'before the server sent its certificate',
  'server-certificate': "after the server's certificate, before completing the handshake",
  complete: 'after the handshake',
};

/** One line, as reports show it: `the client sent TLS alert unknown_ca (48) after the server's certificate, …`. */
export function describeConnectionEnding(ending: ConnectionEnding): string {
  const when = progressWords[ending.handshake];
  switch (ending.how) {
    case 'alert': {
      const code = ending.alert?.code === undefined ? '' : ` (${ending.alert.code})`;
      return `the client sent TLS alert ${ending.alert?.name ?? 'unknown'}${code} ${when}`;
    }
    case 'close':
      return `the client closed the connection ${when}${ending.handshake === 'complete' ? '' : ', without an alert'}`;
    case 'reset':
      return `the client reset the connection ${when}`;
    case 'not-tls':
      return 'the client did not speak TLS';
    case 'refusal':
      return `the server refused the client ${ending.handshake === 'complete' ? 'after the handshake' : 'during the handshake'}`;
    case 'timeout':
      return 'the server gave up waiting for the client to complete the handshake';
    case 'server-close':
      return 'the server closed the connection';
    case 'failure':
      return `the connection failed ${when} (${ending.error ?? 'unknown error'})`;
    case 'stopped':
      return `the mock server was stopped while the connection was open (${ending.handshake === 'complete' ? 'after the handshake' : `handshake at ${ending.handshake}`})`;
  }
}
