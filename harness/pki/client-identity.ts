import type { CertificateSummary } from './certificate-summary.ts';

/**
 * A client identity ready to present in a TLS handshake: what a user hands over as PEM files, a
 * PKCS#12 keystore or a fixture name, after it has been loaded and checked.
 */
export interface ClientIdentity {
  /** Where it came from (fixture name or file path), for messages and reports. Never a secret. */
  label: string;
  /** The leaf certificate, PEM. */
  certificatePem: string;
  /** Intermediate certificates sent after the leaf, the leaf's issuer first, PEM each. */
  chainPems: string[];
  /** The private key, PEM. Never printed, logged or written to a report. */
  privateKeyPem: string;
  /** Public facts of the leaf, for evidence in reports. */
  certificate: CertificateSummary;
}
