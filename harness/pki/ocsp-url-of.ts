import { X509Certificate } from 'node:crypto';

/**
 * The first OCSP URL of a certificate's authorityInfoAccess (RFC 5280 §4.2.2.1), or undefined. Node
 * prints the extension as `OCSP - URI:http://…` lines (X509Certificate.infoAccess).
 */
export function ocspUrlOf(certificatePem: string): string | undefined {
  const info = new X509Certificate(certificatePem).infoAccess ?? '';
  return /^OCSP - URI:(\S+)$/m.exec(info)?.[1];
}
