import { createHash, X509Certificate } from 'node:crypto';

/**
 * The `x5t#S256` confirmation of RFC 8705 §3.1: the base64url (no padding) SHA-256 of the DER
 * certificate. The same value as `openssl x509 -outform DER | openssl dgst -sha256 -binary | base64url`.
 */
export function certificateThumbprint(certificate: X509Certificate | string | Buffer): string {
  const x509 = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return createHash('sha256').update(x509.raw).digest('base64url');
}
