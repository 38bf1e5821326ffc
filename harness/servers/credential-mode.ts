/**
 * The Two-Way SSL security modes of IBM webMethods Integration (seed 003), as the mock plays them:
 * - `exclusive` ("Allow only Two-Way SSL API execution calls. Certificate is mandatory."): the TLS
 *   layer requires a client certificate, so a client without one fails the handshake; credentials are
 *   optional, and when sent they must be valid and belong to the certificate's user.
 * - `force` ("Allow one-way and Two-Way SSL API execution calls. Certificate is mandatory."): the
 *   handshake lets a client without a certificate through (one-way SSL is allowed at the TLS layer),
 *   and the request is then refused for the missing certificate: mandatory wherever TLS could ask for
 *   one. With credentials, certificate and credentials must name the same user.
 * - `default` ("Use either credentials or certificate."): valid credentials let a request in, and a
 *   certificate sent with them is verified but not matched to the user; without credentials, the
 *   certificate must be registered to a user.
 */
export type CredentialMode = 'exclusive' | 'force' | 'default';

export const credentialModes: readonly CredentialMode[] = ['exclusive', 'force', 'default'];

/** A user of the mock: the credentials it accepts and the certificate registered to it. */
export interface CredentialUser {
  name: string;
  /** Accepted with HTTP Basic (RFC 7617). Default: none, Basic never names this user. */
  password?: string;
  /** Accepted as `Authorization: Bearer` (RFC 6750). Default: none. */
  token?: string;
  /**
   * The client certificate registered to the user, matched as withAllowedSubjects matches (a DN in any
   * of the usual orders, or a SAN value). Default: none, no certificate maps to this user.
   */
  certificateSubject?: string;
}

export interface CredentialPolicy {
  mode: CredentialMode;
  users: readonly CredentialUser[];
}
