/**
 * A certificate serial number as hex without leading zero bytes, upper case: the form in which
 * X509Certificate, a CRL entry and an OCSP request may each spell the same number differently.
 */
export function normalizeSerial(hex: string): string {
  return hex.toUpperCase().replace(/^(00)+(?=.)/, '');
}
