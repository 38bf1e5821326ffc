import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { TlsEvidence } from '../../probe/observation.ts';

/**
 * What a client that trusts `trustedCaPem` and dials `host` should conclude about the mock server's
 * certificate: the same checks a conformant client makes (issuer and signature, validity, RFC 6125 name
 * matching), computed by the harness so the report says why the client should have refused.
 */
export function mockServerCertificateFacts(
  serverCertificatePem: string,
  trustedCaPem: string,
  host: string,
  now: Date = new Date(),
): Pick<TlsEvidence, 'serverTrusted' | 'serverTrustError' | 'hostnameMatches' | 'hostnameError'> {
  const leaf = new X509Certificate(serverCertificatePem);
  const ca = new X509Certificate(trustedCaPem);
  const trustError =
    !leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)
      ? `issued by ${leaf.issuer.replaceAll('\n', ', ')}, not by the CA the client trusts (${ca.subject.replaceAll('\n', ', ')})`
      : Date.parse(leaf.validTo) < now.getTime()
        ? `CERT_HAS_EXPIRED: valid until ${new Date(leaf.validTo).toISOString()}`
        : Date.parse(leaf.validFrom) > now.getTime()
          ? `CERT_NOT_YET_VALID: valid from ${new Date(leaf.validFrom).toISOString()}`
          : undefined;
  const matches = isIP(host) !== 0 ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
  return {
    ...(trustError === undefined
      ? { serverTrusted: true }
      : { serverTrusted: false, serverTrustError: trustError }),
    ...(matches
      ? { hostnameMatches: true }
      : {
          hostnameMatches: false,
          hostnameError: `${host} is not in the certificate's names (${leaf.subjectAltName ?? 'none'})`,
        }),
  };
}
