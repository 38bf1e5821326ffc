import type { ConnectionEnding } from './connection-ending.ts';
import type { ConnectionVerdict } from './connection-record.ts';

export interface HandshakeFailure {
  verdict: Exclude<ConnectionVerdict, 'accepted'>;
  reason: string;
  tlsError: string;
  /** Whether a protocol version had been agreed when it failed (what getProtocol() says is then real). */
  negotiated: boolean;
  /** Who ended the handshake and how: the client's alert, the server's refusal, a client that is not TLS. */
  ending: Pick<ConnectionEnding, 'how' | 'alert' | 'error'>;
}

// OpenSSL errors by which the server, not the client, ends the handshake.
const serverRefusals: Record<string, string> = {
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'no TLS version in common with the client',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'no TLS version in common with the client',
  ERR_SSL_VERSION_TOO_LOW: 'the client offered only TLS versions below the server minimum',
  ERR_SSL_NO_SHARED_CIPHER: 'no cipher suite in common with the client',
};

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * Reads an error raised on the server's TLS socket before the handshake completed. `protocol` is the
 * version negotiated so far, when there was one: it decides which alert OpenSSL sent.
 */
export function describeHandshakeFailure(
  error: Error & { code?: string },
  protocol?: string,
): HandshakeFailure {
  const code = error.code ?? 'ERR_UNKNOWN';
  if (code === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE') {
    // RFC 8446 §4.4.2.4 names alert 116 for TLS 1.3; OpenSSL sends 40 for TLS 1.2 and below.
    const alert = protocol === 'TLSv1.3' ? 'certificate_required (116)' : 'handshake_failure (40)';
    return {
      verdict: 'rejected',
      tlsError: code,
      negotiated: true,
      reason: `no client certificate; refused the handshake with TLS alert ${alert}`,
      ending: { how: 'refusal' },
    };
  }
  const refusal = serverRefusals[code];
  if (refusal !== undefined) {
    return {
      verdict: 'rejected',
      tlsError: code,
      negotiated: false,
      reason: `${refusal}; refused the handshake (${firstLine(error)})`,
      ending: { how: 'refusal' },
    };
  }
  const alert = /_ALERT_([A-Z_]+)$/.exec(code)?.[1];
  if (alert !== undefined) {
    // OpenSSL adds `SSL alert number N` to every fatal alert it receives (ssl3_read_bytes).
    const number = /SSL alert number (\d+)/.exec(error.message)?.[1];
    return {
      verdict: 'incomplete',
      tlsError: code,
      // A client that refuses the protocol version answers the ServerHello with protocol_version.
      negotiated: alert !== 'PROTOCOL_VERSION',
      reason: `the client ended the handshake with TLS alert ${alert.toLowerCase()}`,
      ending: {
        how: 'alert',
        alert: { name: alert.toLowerCase(), ...(number === undefined ? {} : { code: Number(number) }) },
      },
    };
  }
  if (code === 'ERR_SSL_HTTP_REQUEST' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return {
      verdict: 'incomplete',
      tlsError: code,
      negotiated: false,
      reason: `the client did not speak TLS (${firstLine(error)})`,
      ending: { how: 'not-tls' },
    };
  }
  return {
    verdict: 'incomplete',
    tlsError: code,
    negotiated: false,
    reason: `the connection failed during the TLS handshake: ${code} ${firstLine(error)}`,
    // A reset or a broken pipe is the client going away; anything else proves nothing of who ended it.
    ending: resetCodes.has(code) ? { how: 'reset' } : { how: 'failure', error: code },
  };
}

// OpenSSL messages look like `8052…:error:0A0000C7:SSL routines:tls_process_client_certificate:peer did
// not return a certificate:../deps/…`; keep the words.
function firstLine(error: Error): string {
  const message = error.message.split('\n')[0] ?? '';
  const parts = message.split(':');
  return parts.length >= 6 ? (parts[5] ?? message) : message;
}
