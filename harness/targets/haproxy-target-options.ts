import type { SecureVersion } from 'node:tls';

/** HAProxy's `verify` bind option (https://docs.haproxy.org/2.6/configuration.html#5.1-verify). */
export type HaproxyVerify = 'required' | 'optional' | 'none';

/** The `haproxy:` block of a target: how the generated haproxy.cfg's `bind … ssl` checks clients. */
export interface HaproxyTargetOptions {
  /**
   * `verify`. Default `required`: a client without a verified certificate is refused at the TLS
   * handshake. `optional` lets a client without one through; `none` asks for none.
   */
  verify?: HaproxyVerify;
  /**
   * `crt-ignore-err`: verification errors on the client's own certificate (depth 0) to let through, as
   * `all` or a comma-separated list of OpenSSL X509_V_ERR numbers (`10` expired, `20` unknown issuer).
   * Default: none ignored. The misconfiguration copied from forum answers that makes expired or foreign
   * certificates pass.
   */
  crtIgnoreErr?: string;
  /** `ca-ignore-err`: the same for errors on the CA certificates above it (depth > 0). Default: none. */
  caIgnoreErr?: string;
  /** The versions `ssl-min-ver` … `ssl-max-ver` allow; a range without gaps. Default: the target's `tlsVersions`. */
  protocols?: readonly SecureVersion[];
  /** The haproxy executable. Default `/usr/sbin/haproxy` (Debian's `haproxy`). */
  binary?: string;
}

export const HAPROXY_DEFAULTS = {
  verify: 'required',
  binary: '/usr/sbin/haproxy',
} as const satisfies Required<Pick<HaproxyTargetOptions, 'verify' | 'binary'>>;
