import type { X509Certificate } from 'node:crypto';
import { perCertificate } from './per-certificate.ts';

/** The public facts of one certificate, as reports and observations show them. Never key material. */
export interface CertificateSummary {
  /** Subject DN, one RDN per comma, most significant first (`C=BR, O=Axway, CN=Axway Root CA`). */
  subject: string;
  issuer: string;
  /** Hex, upper case, as openssl prints it. */
  serialNumber: string;
  /** ISO 8601; Node's own text (`Bad time value`) when the certificate's time does not parse. */
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons, as openssl prints it. */
  fingerprintSha256: string;
  /** DNS names and IP addresses of the subjectAltName extension. */
  subjectAltNames: string[];
}

/**
 * Summarises a PEM or DER certificate with Node's own X.509 parser. The summary of an X509Certificate
 * object is made once and shared (perCertificate): treat it as read-only.
 */
export const summarizeCertificate = perCertificate(summarize);

function summarize(x509: X509Certificate): CertificateSummary {
  return {
    subject: formatDistinguishedName(x509.subject),
    issuer: formatDistinguishedName(x509.issuer),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: isoTime(x509.validFrom),
    notAfter: isoTime(x509.validTo),
    fingerprintSha256: x509.fingerprint256,
    subjectAltNames: parseSubjectAltNames(x509.subjectAltName),
  };
}

// Node's parser accepts a certificate whose UTCTime is not a time and reports `Bad time value`; a
// summary of whatever a server presents must not throw (toISOString would: RangeError).
function isoTime(text: string): string {
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? text : time.toISOString();
}

// Node prints a DN one attribute per line (`C=BR\nO=Axway\nCN=...`); reports want one line.
function formatDistinguishedName(multiline: string): string {
  return multiline.split('\n').filter(Boolean).join(', ');
}

function parseSubjectAltNames(altNames: string | undefined): string[] {
  if (!altNames) return [];
  return altNames.split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
}
