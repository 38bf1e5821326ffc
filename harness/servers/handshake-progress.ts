/**
 * How far a connection's TLS handshake got, as the server saw it:
 * - `none`: nothing was read from the client;
 * - `client-hello`: the client's first bytes were read, but the server sent no certificate (it refused
 *   the version or cipher suites the client offered, or the client left before the answer);
 * - `server-certificate`: the server's flight with its Certificate was sent, and the client did not
 *   complete the handshake: the point at which a client that checks the server refuses it;
 * - `complete`: the handshake completed.
 */
export type HandshakeProgress = 'none' | 'client-hello' | 'server-certificate' | 'complete';

/** What the server can count on a connection when it ends. */
export interface HandshakeTraffic {
  /** Node's server socket emitted 'secure'. */
  secure: boolean;
  /** Bytes read from the client over TCP, TLS records included. */
  bytesRead: number;
  /** Bytes written to the client over TCP. */
  bytesWritten: number;
  /** DER size of the server's own certificate. */
  certificateBytes: number;
}

/**
 * Node does not say when the server's Certificate message went out, nor can the server decrypt what a
 * TLS 1.3 client sees, so the byte count tells: nothing the server writes before its Certificate (a
 * ServerHello, a HelloRetryRequest, an alert, all under 200 bytes) comes near the size of the
 * certificate it carries, and OpenSSL writes the whole flight (TLS 1.2: ServerHello to ServerHelloDone,
 * RFC 5246 §7.3; TLS 1.3: ServerHello to Finished, RFC 8446 §2) at once, before it reads the client's
 * answer.
 */
export function handshakeProgress(traffic: HandshakeTraffic): HandshakeProgress {
  if (traffic.secure) return 'complete';
  if (traffic.bytesWritten >= traffic.certificateBytes) return 'server-certificate';
  return traffic.bytesRead > 0 ? 'client-hello' : 'none';
}
