/** TLS protocol versions as Node names them (`tls.createSecureContext` `minVersion`/`maxVersion`). */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** Oldest first. */
export const tlsVersions: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * The cipher list a server needs to offer `min`. OpenSSL 3 refuses TLS 1.0 and 1.1 at its default
 * security level 1 (their handshake signatures use SHA-1), so a server that is meant to offer them,
 * as the client suite's legacy-TLS scenario needs, lowers it to 0. Undefined: Node's default.
 */
export function ciphersForMinVersion(min: TlsVersion): string | undefined {
  return tlsVersions.indexOf(min) < tlsVersions.indexOf('TLSv1.2') ? 'DEFAULT@SECLEVEL=0' : undefined;
}
