import type { SecureVersion } from 'node:tls';

/**
 * The OpenSSL cipher string that lets a server built on OpenSSL 3 negotiate TLS 1.0 or 1.1 at all:
 * their handshake signs with SHA-1 (MD5+SHA-1 in TLS 1.0), which security level 1 and above refuse.
 * Configured only when a target is deliberately set up to offer a legacy version.
 */
export const LEGACY_CIPHER_STRING = 'DEFAULT:@SECLEVEL=0';

/** Whether a server is configured to offer TLS 1.0 or 1.1 (RFC 8996 deprecates both). */
export function hasLegacyVersion(versions: readonly SecureVersion[]): boolean {
  return versions.some((version) => version === 'TLSv1' || version === 'TLSv1.1');
}
