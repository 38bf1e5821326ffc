/** The two client authentication methods of RFC 8705 §2, by their registered names (RFC 8705 §2.1.1, §2.2.1). */
export type OAuthClientAuthMethod = 'tls_client_auth' | 'self_signed_tls_client_auth';

export const oauthClientAuthMethods: readonly OAuthClientAuthMethod[] = [
  'tls_client_auth',
  'self_signed_tls_client_auth',
];

/**
 * PKI mutual-TLS client authentication (RFC 8705 §2.1): the certificate must chain to a trusted CA and
 * carry the registered subject.
 */
export interface TlsClientAuthRegistration {
  clientId: string;
  authMethod: 'tls_client_auth';
  /**
   * The one expected subject (RFC 8705 §2.1.2 allows exactly one): a DN, as `tls_client_auth_subject_dn`
   * (any value containing `=`, in RFC 4514 or openssl order), or a SAN value, as `tls_client_auth_san_dns`
   * / `_san_ip`. Compared as subject-allow-list.ts describes.
   */
  subject: string;
  /**
   * The CAs, PEM, this client's certificates must chain to: a subject names a client only under the CAs
   * agreed with it (RFC 8705 §7.4, "X.509 Certificate Spoofing"), else a certificate with the same
   * subject from another trusted CA is taken for it. Default: every CA of `withTrust()`, as a server
   * without a per-client CA setting does.
   */
  issuersPem?: string;
}

/**
 * Self-signed certificate mutual-TLS client authentication (RFC 8705 §2.2): the certificate must be
 * one registered for the client, compared by SHA-256 of its DER; no chain is built. Any certificate
 * may be registered, CA-issued ones included.
 */
export interface SelfSignedTlsClientAuthRegistration {
  clientId: string;
  authMethod: 'self_signed_tls_client_auth';
  /** The registered certificates, PEM (RFC 8705 §2.2.2 registers them as `jwks`; PEM here). */
  certificatesPem: readonly string[];
}

export type OAuthClientRegistration = TlsClientAuthRegistration | SelfSignedTlsClientAuthRegistration;
