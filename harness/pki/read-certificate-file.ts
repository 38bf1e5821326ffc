import { X509Certificate } from 'node:crypto';
import { KeystoreError } from './keystore-error.ts';
import { certificateAdvice } from './pem-label-advice.ts';
import { parsePemBlocks } from './pem-blocks.ts';
import { describeStart, readInputFile } from './read-input-file.ts';

/** The certificates of a file, in the order written, each parsed and as PEM. */
export interface CertificateFile {
  certificates: { x509: X509Certificate; pem: string }[];
}

/**
 * Reads a certificate file: PEM with one or more certificates (a leaf then its chain, as nginx's
 * ssl_certificate takes it), private-key blocks of a combined file skipped, or one DER certificate.
 */
export async function readCertificateFile(file: string): Promise<CertificateFile> {
  const data = await readInputFile(file, 'certificate');
  const text = data.toString('latin1');
  const { blocks, unterminated } = parsePemBlocks(text);
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE');
  if (certificates.length === 0) {
    if (unterminated !== null) throw truncated(file, unterminated);
    const first = blocks[0];
    if (first) {
      throw new KeystoreError(
        file,
        'wrong-pem-type',
        `${file}: holds a ${first.label}, not a certificate (-----BEGIN ${first.label}-----). ${certificateAdvice(first.label)}.`,
      );
    }
    const x509 = parseDer(file, data);
    return { certificates: [{ x509, pem: x509.toString() }] };
  }
  if (unterminated === 'CERTIFICATE') throw truncated(file, unterminated);
  return {
    certificates: certificates.map((block) => {
      try {
        return { x509: new X509Certificate(block.pem), pem: block.pem };
      } catch (error) {
        throw new KeystoreError(
          file,
          'damaged',
          `${file}: the certificate does not parse (${(error as Error).message}). The file is damaged: copy or export it again.`,
          { cause: error },
        );
      }
    }),
  };
}

function parseDer(file: string, data: Buffer): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (error) {
    const advice = /\.(p12|pfx)$/i.test(file)
      ? 'A .p12/.pfx file is a keystore: load it with its passphrase'
      : 'Give a file that starts with "-----BEGIN CERTIFICATE-----"';
    throw new KeystoreError(
      file,
      'not-pem',
      `${file}: not a PEM or DER certificate (${describeStart(data)}). ${advice}.`,
      { cause: error },
    );
  }
}

export function truncated(file: string, label: string): KeystoreError {
  return new KeystoreError(
    file,
    'truncated',
    `${file}: the file is cut short (-----BEGIN ${label}----- has no END line). Copy it again in full.`,
  );
}
