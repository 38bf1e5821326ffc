import { X509Certificate } from 'node:crypto';

/**
 * `read` made once per X509Certificate object, its result kept as long as the object lives (a
 * WeakMap); a PEM or DER given instead is parsed and read anew. Each getter of an X509Certificate asks
 * OpenSSL again and makes new strings, and a mock server meets the same certificate objects (its trust
 * anchors, presentedCertificate's clients) on every handshake. The result is shared: treat it as
 * read-only.
 */
export function perCertificate<Facts>(
  read: (x509: X509Certificate) => Facts,
): (certificate: string | Buffer | X509Certificate) => Facts {
  const known = new WeakMap<X509Certificate, Facts>();
  return (certificate) => {
    if (!(certificate instanceof X509Certificate)) return read(new X509Certificate(certificate));
    if (known.has(certificate)) return known.get(certificate)!;
    const facts = read(certificate);
    known.set(certificate, facts);
    return facts;
  };
}
