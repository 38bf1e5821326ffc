import type { SecureVersion } from 'node:tls';

/** mod_ssl's `SSLVerifyClient` levels (https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifyclient). */
export type ApacheVerifyClient = 'require' | 'optional' | 'optional_no_ca' | 'none';

/** The `apache:` block of a target: how the generated httpd.conf checks client certificates. */
export interface ApacheTargetOptions {
  /**
   * `SSLVerifyClient`. Default `require`: a client without a verified certificate is refused at the TLS
   * handshake. `optional` lets a client without one through; `optional_no_ca` also lets through
   * certificates whose issuer is unknown (only the verify result records it); `none` asks for none.
   */
  verifyClient?: ApacheVerifyClient;
  /**
   * `SSLVerifyDepth`. Default 2: mod_ssl counts every CA certificate above the client's, the trusted root
   * included, so a client behind one intermediate needs 2. Apache's own default, 1, refuses it with
   * "Certificate Chain too long" (a misconfiguration worth a self-test).
   */
  verifyDepth?: number;
  /** `SSLProtocol`. Default: the target's declared `tlsVersions`. */
  protocols?: readonly SecureVersion[];
  /** The httpd executable. Default `/usr/sbin/apache2` (Debian's `apache2`; `httpd` elsewhere). */
  binary?: string;
  /** Where mod_ssl and the MPM are (`LoadModule`). Default `/usr/lib/apache2/modules` (Debian). */
  modulesDir?: string;
}

export const APACHE_DEFAULTS = {
  verifyClient: 'require',
  verifyDepth: 2,
  binary: '/usr/sbin/apache2',
  modulesDir: '/usr/lib/apache2/modules',
} as const satisfies Required<Omit<ApacheTargetOptions, 'protocols'>>;
