import type { TlsAlert } from './observation.ts';
import { tlsAlert, tlsAlertByName } from './tls-alerts.ts';
import type { Verdict } from './verdict.ts';

/**
 * The TLS alert a Node/OpenSSL error reports the server sent, if any. OpenSSL appends
 * `SSL alert number N` to the message of every alert it receives (ssl/record/rec_layer_s3.c), and
 * names the alert in the reason code (`ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED`,
 * `ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED`, `ERR_SSL_TLSV1_UNRECOGNIZED_NAME`). The number wins.
 */
export function alertFromError(error: unknown): TlsAlert | undefined {
  const { code, message } = errorFields(error);
  const number = /SSL alert number (\d+)/.exec(message)?.[1];
  if (number !== undefined) return tlsAlert(Number(number));
  const named = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_(?:ALERT_)?([A-Z0-9_]+)$/.exec(code ?? '')?.[1];
  return named === undefined ? undefined : tlsAlertByName(named.toLowerCase());
}

/** Context of a failure during the handshake. */
export interface HandshakeFailureContext {
  /** Bytes the server had sent: 0 means it never spoke TLS (or anything) to the probe. */
  bytesFromServer: number;
  /**
   * Whether the server's Certificate message had been processed. `false`: the client had not reached
   * the point of presenting its own certificate, so a hang-up cannot be a refusal of it. Default:
   * unknown, judged by `bytesFromServer` alone.
   */
  serverCertificateSeen?: boolean;
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * A failed handshake. An alert from the server is a refusal. So is a hang-up after the server has
 * started the handshake: Node.js servers refuse an untrusted client certificate by destroying the
 * socket, without an alert (`_tls_wrap.js` onServerSocketSecure). A hang-up before the server sent
 * anything, or an error OpenSSL raised on the client's side, decides nothing: `error`.
 */
export function classifyHandshakeError(error: Error | 'closed', context: HandshakeFailureContext): Verdict {
  const { code, message } = errorFields(error);
  const alert = alertFromError(error);
  const withCode = code === undefined ? {} : { errorCode: code };
  if (alert) {
    return {
      outcome: 'rejected',
      stage: 'tls-handshake',
      reason: `server sent TLS alert ${alert.code} ${alert.name} during the handshake`,
      alert,
      ...withCode,
    };
  }
  if (error === 'closed' || isHangUp(code, message)) {
    const how = code === undefined ? '' : ` (${code})`;
    if (context.bytesFromServer > 0 && context.serverCertificateSeen === false) {
      // A client sends its certificate only after the server's (RFC 8446 §4.4.2, RFC 5246 §7.3): a
      // server that breaks off before its own has not judged the client. A broken peer, not a refusal.
      return {
        outcome: 'error',
        stage: 'tls-handshake',
        reason: `server hung up mid-handshake${how} after ${context.bytesFromServer} bytes, before sending its certificate, so before the client could present one; is it a TLS server?`,
        ...withCode,
      };
    }
    return context.bytesFromServer > 0
      ? {
          outcome: 'rejected',
          stage: 'tls-handshake',
          reason: `server hung up during the handshake without a TLS alert${how}, as Node.js servers do when they refuse a client certificate`,
          ...withCode,
        }
      : {
          outcome: 'error',
          stage: 'tls-handshake',
          reason: `server closed the connection before sending any TLS data${how}; is a TLS server listening there?`,
          closedBeforeTls: true,
          ...withCode,
        };
  }
  const openSslReason = openSslReasonOf(message);
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return {
      outcome: 'error',
      stage: 'tls-handshake',
      reason: `server did not answer in TLS (OpenSSL: ${openSslReason ?? message}); is it plain HTTP or another protocol?`,
      ...withCode,
    };
  }
  return {
    outcome: 'error',
    stage: 'tls-handshake',
    reason: `TLS handshake failed on the probe's side: ${openSslReason ?? message}`,
    ...withCode,
  };
}

/**
 * A failure after the handshake and before any response. Under TLS 1.3 this is where a server's
 * refusal of the client certificate lands (RFC 8446 §4.4.2: the client sends Finished before the
 * server has checked its certificate): an alert, or a reset without one.
 */
export function classifyPostHandshakeError(error: Error | 'closed'): Verdict {
  const { code, message } = errorFields(error);
  const alert = alertFromError(error);
  const withCode = code === undefined ? {} : { errorCode: code };
  if (alert) {
    return {
      outcome: 'rejected',
      stage: 'after-handshake',
      reason: `server sent TLS alert ${alert.code} ${alert.name} after the handshake, instead of a response`,
      alert,
      ...withCode,
    };
  }
  if (error === 'closed') {
    return {
      outcome: 'rejected',
      stage: 'after-handshake',
      reason: 'server closed the connection after the handshake, without a response or a TLS alert',
    };
  }
  if (isHangUp(code, message)) {
    return {
      outcome: 'rejected',
      stage: 'after-handshake',
      reason: `server reset the connection after the handshake, before any response and without a TLS alert (${code ?? 'reset'})`,
      ...withCode,
    };
  }
  return {
    outcome: 'error',
    stage: 'after-handshake',
    reason: `connection failed after the handshake: ${openSslReasonOf(message) ?? message}`,
    ...withCode,
  };
}

function isHangUp(code: string | undefined, message: string): boolean {
  // Node's own wording when the socket ends mid-handshake, with code ECONNRESET.
  return (code !== undefined && resetCodes.has(code)) || /socket disconnected|socket hang up/.test(message);
}

/** `wrong version number` out of `...:SSL routines:ssl3_get_record:wrong version number:...`. */
function openSslReasonOf(message: string): string | undefined {
  return /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1];
}

export function errorFields(error: unknown): { code: string | undefined; message: string } {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: typeof code === 'string' ? code : undefined, message: error.message };
  }
  return { code: undefined, message: String(error) };
}
