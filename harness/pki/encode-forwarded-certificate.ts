import { createHash, type X509Certificate } from 'node:crypto';
import { summarizeCertificate } from './certificate-summary.ts';
import type { ForwardedCertificateFormat } from './forwarded-certificate-format.ts';
import { formatXfccElement } from './parse-xfcc.ts';
import { serializeByteSequence } from './structured-field-binary.ts';
import { pemEncode } from './pem-blocks.ts';

/** Header values that carry a client's certificate: `cert` always, `chain` where the format keeps it apart. */
export interface ForwardedCertificateValues {
  cert: string;
  /** RFC 9440 `Client-Cert-Chain`, when the client sent intermediates; absent otherwise. */
  chain?: string;
}

/**
 * How a gateway writing `format` forwards the certificates a client presented (leaf first), as the
 * mock gateway sends them and as a client forges them. Only the leaf goes into `cert`, as nginx's
 * `$ssl_client_escaped_cert` and Envoy's `Cert=` do; RFC 9440 sends intermediates in `chain`.
 */
export function encodeForwardedCertificate(
  format: ForwardedCertificateFormat,
  presented: readonly [X509Certificate, ...X509Certificate[]],
): ForwardedCertificateValues {
  const [leaf, ...intermediates] = presented;
  switch (format) {
    case 'pem-urlencoded':
      return { cert: encodeURIComponent(pemOf(leaf)) };
    case 'pem':
      // One header line: the PEM's line breaks become spaces (a raw line break would end the field).
      return { cert: pemOf(leaf).trim().replace(/\n/g, ' ') };
    case 'der-base64':
      return { cert: leaf.raw.toString('base64') };
    case 'xfcc':
      return {
        cert: formatXfccElement([
          // Envoy's Hash is the hex SHA-256 of the DER certificate.
          ['Hash', createHash('sha256').update(leaf.raw).digest('hex')],
          ['Cert', encodeURIComponent(pemOf(leaf))],
          ['Subject', escapeNonAscii(summarizeCertificate(leaf).subject)],
        ]),
      };
    case 'rfc9440':
      return {
        cert: serializeByteSequence(leaf.raw),
        ...(intermediates.length > 0
          ? { chain: intermediates.map((each) => serializeByteSequence(each.raw)).join(', ') }
          : {}),
      };
  }
}

/** The PEM text of a certificate, 64 base64 characters a line (RFC 7468 §2), ending in a newline. */
export function pemOf(certificate: X509Certificate): string {
  return pemEncode(certificate.raw, 'CERTIFICATE');
}

/**
 * A DN string with every non-ASCII character as RFC 4514 §2.4 `\XX` escapes of its UTF-8 bytes, as
 * OpenSSL's RFC 2253 printing (ASN1_STRFLGS_ESC_MSB, nginx's `$ssl_client_s_dn`) writes it: header values
 * are ASCII in practice (RFC 9110 §5.5).
 */
function escapeNonAscii(dn: string): string {
  return dn.replace(/[^\x20-\x7e]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `\\${byte.toString(16).toUpperCase()}`).join(''),
  );
}
