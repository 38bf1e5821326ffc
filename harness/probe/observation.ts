import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { TlsSessionFacts } from './ssl-session-der.ts';

/**
 * What the server did with the client: `accepted` (an HTTP response that is not a certificate
 * refusal), `rejected` (the server refused the client, at the handshake or by HTTP status), or
 * `error` (could not reach the server, or could not decide).
 */
export type Outcome = 'accepted' | 'rejected' | 'error';

/**
 * Where the outcome was decided. `after-handshake` matters for TLS 1.3, where the client finishes its
 * side of the handshake before the server has checked the client certificate (RFC 8446 §4.4.2): the
 * refusal arrives as an alert or a reset on the first read.
 */
export type Stage = 'tcp' | 'tls-handshake' | 'after-handshake' | 'http';

export interface TlsAlert {
  /** The alert description number (RFC 8446 §6, RFC 5246 §7.2). */
  code: number;
  /** Its name as the RFC spells it, e.g. `certificate_required`. */
  name: string;
}

export interface HttpEvidence {
  status: number;
  /** A few headers that explain a verdict (content-type, www-authenticate, server, location). */
  headers: Record<string, string>;
  /** The start of the body, at most a few hundred characters, decoded as UTF-8. */
  bodyExcerpt: string;
  /** The body as read, up to the probe's `maxBodyBytes`, decoded as UTF-8 (a token response to parse). */
  body?: string;
  /** True when the body was longer than `maxBodyBytes`, or the connection ended before all of it came. */
  bodyTruncated?: boolean;
}

export interface TlsEvidence {
  /** Negotiated protocol, as Node names it (`TLSv1.2`, `TLSv1.3`). */
  protocol?: string;
  cipher?: string;
  /** Whether the server sent a CertificateRequest, where that could be seen. */
  clientCertificateRequested?: boolean;
  /** The chain the server presented, leaf first. */
  serverChain: CertificateSummary[];
  /** Whether that chain validates against the declared server trust; absent when none was declared. */
  serverTrusted?: boolean;
  /** Why it does not validate (Node's reason, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`). */
  serverTrustError?: string;
  hostnameMatches?: boolean;
  hostnameError?: string;
  /** The server leaf's key and signature (`rsa 2048, signed with sha256WithRSAEncryption`), when read. */
  serverKey?: string;
}

/** The CA names from the server's CertificateRequest, or why they could not be read. */
export type AcceptableCaNames = { obtained: true; names: string[] } | { obtained: false; why: string };

export interface Timings {
  connectMs?: number;
  handshakeMs?: number;
  responseMs?: number;
  totalMs: number;
}

/** What the probe sent that its URL does not say: the SNI and Host it was asked to vary. */
export interface SentEvidence {
  /** The SNI host name sent; null when none was (an IP address URL, or `sendServername: false`). */
  servername: string | null;
  /** The Host header sent; absent for `tls://` probes, which send no request. */
  host?: string;
}

/** Session resumption seen on one connection: the session offered, and those the server issued. */
export interface SessionEvidence {
  /**
   * The session the probe offered (ProbeOptions.resumeSession), its age when offered, and whether the
   * server resumed it (absent when the handshake did not complete, so nothing says).
   */
  offered?: TlsSessionFacts & { ageMs: number; resumed?: boolean };
  /** The sessions the server issued on this connection, when the probe kept them (ProbeOptions.onSession). */
  issued?: TlsSessionFacts[];
}

/** One probe's account of what happened. Produced for anything the server does; never thrown. */
export interface Observation {
  url: string;
  outcome: Outcome;
  stage: Stage;
  /** One line a person understands: `server sent TLS alert 116 certificate_required after the handshake`. */
  reason: string;
  /** Node's error code where one was raised (`ECONNRESET`, `ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED`). */
  errorCode?: string;
  alert?: TlsAlert;
  /**
   * Present (true) when the server closed or reset the connection before sending any TLS data. Alone,
   * that decides nothing (no TLS server there?); in answer to a ClientHello of a pinned version, on an
   * endpoint where a handshake at another version completes, it is how JSSE refuses the version
   * (silentVersionRefusal).
   */
  closedBeforeTls?: true;
  /**
   * Present (true) when the probe was cancelled through ProbeOptions.signal before the server's verdict:
   * `outcome` is then `error` and says nothing about the server. Absent on every finished probe.
   */
  interrupted?: true;
  http?: HttpEvidence;
  tls?: TlsEvidence;
  acceptableCaNames: AcceptableCaNames;
  /** The leaf the client presented, or absent when it presented none. */
  clientCertificate?: CertificateSummary;
  /** Present when the probe was given an SNI, `sendServername` or a Host header: what it sent. */
  sent?: SentEvidence;
  /** Present when the probe offered a session or kept those issued: resumption, without any secret. */
  session?: SessionEvidence;
  timings: Timings;
}
