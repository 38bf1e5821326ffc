import type { CertificateSummary } from './certificate-summary.ts';

/** `CN=tpp1.demo.axway.com issued by CN=Axway Root CA`: a certificate in one short phrase. */
export function describeIssuedBy(certificate: CertificateSummary): string {
  return `${commonName(certificate.subject)} issued by ${commonName(certificate.issuer)}`;
}

function commonName(dn: string): string {
  const match = /(?:^|, )CN=([^,]+)/.exec(dn)?.[1];
  return match === undefined ? dn : `CN=${match}`;
}
