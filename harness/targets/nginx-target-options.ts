import type { SecureVersion } from 'node:tls';
import type { NginxAllowListMatch } from './render-nginx-allow-list.ts';

/** nginx's `ssl_verify_client` values (https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_client). */
export type NginxVerifyClient = 'on' | 'optional' | 'optional_no_ca';

/** `ssl_protocols` names: nginx spells them as Node does (`TLSv1.2`, `TLSv1.3`). */
export type NginxProtocol = SecureVersion;

/** The `nginx:` block of a target: how the generated nginx.conf checks client certificates. */
export interface NginxTargetOptions {
  /**
   * `ssl_verify_client`. Default `on`: a missing or unverifiable certificate is refused with HTTP 400.
   * `optional` lets a client without a certificate through; `optional_no_ca` also lets through
   * certificates from CAs it does not trust: the misconfiguration the harness exists to catch.
   */
  verifyClient?: NginxVerifyClient;
  /**
   * `ssl_verify_depth`: how many intermediate CAs may stand between a client certificate and a trusted
   * CA (OpenSSL 1.1+ counts neither end). Default 1, nginx's own: a client behind one intermediate
   * verifies; 0 refuses it.
   */
  verifyDepth?: number;
  /** `ssl_protocols`. Default: the target's declared `tlsVersions`. */
  protocols?: readonly NginxProtocol[];
  /** The nginx executable. Default `/usr/sbin/nginx` (Debian's `nginx-light`). */
  binary?: string;
  /**
   * A file of 80 (or 48) random bytes for `ssl_session_ticket_key`: nginx started again with the same
   * file resumes the sessions it issued before (a restart, a fleet). Default none: new keys each start.
   */
  sessionTicketKey?: string;
  /**
   * With `sharedWith`: refuse with 421 a request whose Host is not the SNI name its connection was made
   * with, also when no SNI was sent. nginx checks this itself only when an SNI was sent, so without the
   * check a client with no SNI, verified against the default server's CAs, reaches this site by Host.
   * Default true; `false` renders nginx's own behaviour, for the harness to catch.
   */
  sniHostCheck?: boolean;
  /**
   * With `revocation: { crl: true }`: write `ssl_crl` with the CRL of every CA the target trusts.
   * Default true; `false` leaves it out, a gateway that declares CRL checking and skips it, for the
   * harness to catch.
   */
  crl?: boolean;
  /**
   * With `revocation.ocsp` require or soft-fail: start the harness's OCSP responder and write
   * `ssl_ocsp on; ssl_ocsp_responder <its URL>;`. Default true; `false` leaves OCSP off, for the
   * harness to catch.
   */
  ocsp?: boolean;
  /**
   * How the target's `allowedSubjects` are matched against $ssl_client_s_dn (render-nginx-allow-list.ts).
   * Default `exact`; `unanchored-regex` renders the ingress-nginx #8434 flaw, for the harness to catch.
   */
  allowListMatch?: NginxAllowListMatch;
}

export const NGINX_DEFAULTS = {
  verifyClient: 'on',
  verifyDepth: 1,
  binary: '/usr/sbin/nginx',
  sniHostCheck: true,
  crl: true,
  ocsp: true,
  allowListMatch: 'exact',
} as const satisfies Required<Omit<NginxTargetOptions, 'protocols' | 'sessionTicketKey'>>;
