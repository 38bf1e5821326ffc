/** The `openssl:` block of a target: an `openssl s_server` that refuses at the TLS handshake. */
export interface OpenSslTargetOptions {
  /**
   * `require` (default) runs `-Verify 2`: a client without a certificate is refused at the handshake.
   * `request` runs `-verify 2`: a certificate is asked for, and a client without one is let through. With
   * both, a certificate that does not verify is refused at the handshake (`-verify_return_error`).
   */
  verify?: 'require' | 'request';
  /** Pin the protocol (`-tls1_2` / `-tls1_3`). Default: both TLS 1.2 and 1.3 are offered. */
  tlsVersion?: '1.2' | '1.3';
  /**
   * With `revocation: { crl: true }`: `all` (default) runs `-crl_check_all` (every CA of the chain is
   * checked), `leaf` runs `-crl_check` (the client certificate only: a revoked intermediate gets in),
   * `none` loads no CRL: a gateway that declares CRL checking and skips it.
   */
  crlCheck?: 'all' | 'leaf' | 'none';
}

export const OPENSSL_DEFAULTS = { verify: 'require', crlCheck: 'all' } as const satisfies Pick<
  OpenSslTargetOptions,
  'verify' | 'crlCheck'
>;
