import type { SecureVersion } from 'node:tls';
import type { ClientIdentity } from '../pki/client-identity.ts';
import type { ProbeTimeouts } from './probe-timeouts.ts';
import type { TlsSession } from './tls-session.ts';

/** What to probe and how. Only `url` is required. */
export interface ProbeOptions {
  /** `https://host[:port]/path` (one HTTP/1.1 request) or `tls://host:port` (handshake only). */
  url: string;
  /** The client certificate, chain and key to present; absent = present no certificate. */
  identity?: ClientIdentity;
  /**
   * PEM CA certificate(s) that must validate the server's chain. Absent = the server is not judged
   * (`tls.serverTrusted` stays absent). Never aborts the handshake: the verdict is only recorded.
   */
  serverTrustPem?: string;
  /** SNI and the name the server certificate must match. Default: the URL's host, none if it is an IP. */
  servername?: string;
  /**
   * `false`: send no SNI at all, even for a host name, so the server falls back to its default virtual
   * host (RFC 6066 §3); the certificate is still judged against `servername` or the URL's host. Default
   * true.
   */
  sendServername?: boolean;
  /** Lowest TLS version to offer. Default Node's (`TLSv1.2`). */
  minVersion?: SecureVersion;
  /** Highest TLS version to offer. Default Node's (`TLSv1.3`). */
  maxVersion?: SecureVersion;
  /** HTTP method. Default `GET`. Ignored for `tls://`. */
  method?: string;
  /**
   * Extra request headers; they replace the defaults of the same name (case-insensitive): `Host` sends
   * a Host other than the URL's, e.g. one that differs from the SNI name.
   */
  headers?: Record<string, string>;
  /**
   * Header lines sent as given, after `headers`, for requests a client can forge: a name may repeat
   * (two `X-SSL-Client-Cert` lines), and a value may continue on further lines as an obs-fold
   * (`\r\n` then a space or tab, RFC 9112 §5.2). No other line break is allowed, so a value never
   * starts a header line of its own. Default none.
   */
  headerLines?: readonly (readonly [name: string, value: string])[];
  /** Request body, sent with a Content-Length. Default none. */
  body?: string | Buffer;
  /** Per-stage timeouts; see `defaultProbeTimeouts` (connect 5 s, handshake 5 s, response 10 s). */
  timeouts?: Partial<ProbeTimeouts>;
  /**
   * `read` (default): learn the CA names the server's CertificateRequest lists, with a TLS 1.2
   * handshake of the probe's own (once per host, port and SNI for the life of the process);
   * `skip`: don't.
   */
  acceptableCaNames?: 'read' | 'skip';
  /** The most response body bytes to read and keep in `http.body`. Default 4096. */
  maxBodyBytes?: number;
  /**
   * Cancels the probe (an interrupted run): its sockets are destroyed at once and the observation is an
   * `error` with `interrupted: true`, never `accepted` or `rejected`. A signal already aborted means
   * nothing is sent. Default none: every stage runs to its verdict or timeout.
   */
  signal?: AbortSignal;
  /**
   * A session an earlier probe captured (`onSession`), offered for resumption: a TLS 1.2 session id or
   * ticket, a TLS 1.3 ticket. `session.offered` in the observation then says whether the server resumed
   * it. Default none: every probe makes a full handshake, whatever probes ran before (Node's client
   * contexts keep no session cache, see client-secure-context-cache.ts).
   */
  resumeSession?: TlsSession;
  /**
   * Called, before the probe resolves, with every session the server issued on this connection (TLS 1.2
   * with the handshake, TLS 1.3 in NewSessionTicket messages after it); their facts, never the sessions,
   * go into `session.issued`. Default none: no session is kept.
   */
  onSession?: (session: TlsSession) => void;
  /**
   * `false`: ask for no TLS 1.2 session ticket, so the server can only offer a session id from its own
   * cache (the client otherwise replaces that id with the ticket's hash). No effect on TLS 1.3, whose
   * servers send tickets unasked. Default true.
   */
  sessionTickets?: boolean;
}

export { defaultProbeTimeouts, type ProbeTimeouts } from './probe-timeouts.ts';
