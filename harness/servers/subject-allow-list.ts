import type { CertificateSummary } from '../pki/certificate-summary.ts';

/**
 * Finds the allow-list pattern that a client certificate matches, as Open Banking registries pin a
 * client by its subject DN or its SAN. A pattern containing `=` is a DN: attribute types compare
 * case-insensitively, values exactly, and the RDNs may be written most significant first
 * (`C=BR, O=AXWAY, CN=tpp1.demo.axway.com`, as Node and openssl print), least significant first
 * (`CN=tpp1.demo.axway.com,O=AXWAY,C=BR`, RFC 4514 and Java) or openssl's slash form
 * (`/C=BR/O=AXWAY/CN=tpp1.demo.axway.com`). Any other pattern is a SAN value (DNS name or IP address),
 * compared case-insensitively. No wildcards: a registry pins exact names.
 */
export function findAllowedSubject(
  certificate: CertificateSummary,
  patterns: readonly string[],
): string | undefined {
  const subject = parseDistinguishedName(certificate.subject);
  return patterns.find((pattern) => {
    if (!pattern.includes('=')) {
      return certificate.subjectAltNames.some((name) => name.toLowerCase() === pattern.trim().toLowerCase());
    }
    const wanted = parseDistinguishedName(pattern);
    return sameRdns(wanted, subject) || sameRdns([...wanted].reverse(), subject);
  });
}

function parseDistinguishedName(dn: string): string[] {
  const trimmed = dn.trim();
  const parts = trimmed.startsWith('/')
    ? trimmed.slice(1).split(/\/(?=[A-Za-z][\w.-]*=)/)
    : trimmed.split(/\s*,\s*(?=[A-Za-z][\w.-]*=)/);
  return parts.map((part) => {
    const equals = part.indexOf('=');
    return `${part.slice(0, equals).trim().toLowerCase()}=${part.slice(equals + 1).trim()}`;
  });
}

function sameRdns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((rdn, index) => rdn === b[index]);
}
