import { X509Certificate } from 'node:crypto';

/** The public facts of one certificate, as reports and observations show them. Never key material. */
export interface CertificateSummary {
  /** Subject DN, one RDN per comma, most significant first (`C=BR, O=Axway, CN=Axway Root CA`). */
  subject: string;
  issuer: string;
  /** Hex, upper case, as openssl prints it. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons, as openssl prints it. */
  fingerprintSha256: string;
  /** DNS names and IP addresses of the subjectAltName extension. */
  subjectAltNames: string[];
}

/** Summarises a PEM or DER certificate with Node's own X.509 parser. */
export function summarizeCertificate(certificate: string | Buffer | X509Certificate): CertificateSummary {
  const x509 = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return {
    subject: formatDistinguishedName(x509.subject),
    issuer: formatDistinguishedName(x509.issuer),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    fingerprintSha256: x509.fingerprint256,
    subjectAltNames: parseSubjectAltNames(x509.subjectAltName),
  };
}

// Node prints a DN one attribute per line (`C=BR\nO=Axway\nCN=...`); reports want one line.
function formatDistinguishedName(multiline: string): string {
  return multiline.split('\n').filter(Boolean).join(', ');
}

function parseSubjectAltNames(altNames: string | undefined): string[] {
  if (!altNames) return [];
  return altNames.split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
}
