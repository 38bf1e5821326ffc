import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { ConnectionEnding } from './connection-ending.ts';
import type { RefusalStage } from './refusal-stage.ts';

/**
 * The server's verdict on one connection:
 * - `accepted`: the client got through to the HTTP routes;
 * - `rejected`: the server refused the client (at the handshake or with an HTTP status);
 * - `incomplete`: the connection ended before the server could judge the client: the client aborted
 *   the handshake (it did not trust the server, or no protocol was in common on its side), did not
 *   speak TLS, went silent, or the server was stopped. `tlsError` says which.
 */
export type ConnectionVerdict = 'accepted' | 'rejected' | 'incomplete';

/** One HTTP request answered on a connection. */
export interface RequestRecord {
  method: string;
  /** The request target's path, without the query string. */
  path: string;
  status: number;
  /**
   * With withCredentialMode(): the credential decision, one line (`force mode: certificate registered to
   * alice`). Names users and modes only: never a password, token or the Authorization header.
   */
  authentication?: string;
  /** With withVirtualHost(): the site that answered (by its first name). */
  site?: string;
}

/**
 * What a mock mTLS server saw of one TCP connection and what it decided, recorded as soon as the
 * verdict is known (requests are appended as they are answered). Suites that test clients judge them
 * from these records.
 */
export interface ConnectionRecord {
  /** 1, 2, … in the order the server accepted the TCP connections. */
  id: number;
  /** When the TCP connection was accepted, ISO 8601. */
  at: string;
  remoteAddress: string;
  remotePort?: number;
  /** The SNI host name the client sent, when it sent one (curl sends none for an IP address). */
  servername?: string;
  /** With withVirtualHost(): the site whose TLS settings the connection got (chosen by SNI). */
  virtualHost?: string;
  /** True when the connection resumed an earlier session instead of a full handshake. */
  resumed?: true;
  /** Negotiated protocol as Node names it (`TLSv1.2`, `TLSv1.3`), when negotiation got that far. */
  protocol?: string;
  /** Negotiated cipher suite, OpenSSL name. */
  cipher?: string;
  /**
   * The certificates the client presented, leaf first, or [] when it presented none. Node only shows
   * the chain as OpenSSL completed it from the server's CA list, so trailing certificates that are in
   * that list are left out: a root the client sent itself is not recorded.
   */
  clientChain: CertificateSummary[];
  /**
   * Whether the presented chain verified against the server's trust, dates included, whatever the
   * server then decided (a misconfigured server accepts clients that are not authorized).
   */
  authorized: boolean;
  /** Why not, as OpenSSL names it (`CERT_HAS_EXPIRED`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`, …). */
  authorizationError?: string;
  verdict: ConnectionVerdict;
  /** Set when `verdict` is `rejected`. */
  refusedAt?: RefusalStage;
  /** One line a person understands: what the client presented and why the server decided so. */
  reason: string;
  /** The requests answered on this connection, in order; [] when none was read. */
  requests: RequestRecord[];
  /** Node's error code when the TLS handshake failed (`ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE`). */
  tlsError?: string;
  /**
   * Who ended the connection, how, and how far the handshake had got. Set when the connection ends,
   * which for a client let in is after the record was published: read it once the server's sockets
   * are all closed (StartedMockMtlsServer.openSocketCount 0) or the server is stopped.
   */
  ended?: ConnectionEnding;
}
