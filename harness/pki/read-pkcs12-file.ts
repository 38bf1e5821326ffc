import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { largestPkcs12Iterations, maxPkcs12Iterations } from './pkcs12-iteration-limit.ts';
import { KeystoreError } from './keystore-error.ts';
import { convertLegacyPkcs12Command, legacyPkcs12Algorithms } from './legacy-pkcs12-algorithms.ts';
import { describeStart, readInputFile } from './read-input-file.ts';

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** Every certificate of the keystore, in file order. */
  certificates: X509Certificate[];
  /** Legacy algorithms OpenSSL 3 refuses (empty for AES-256 or 3DES keystores). */
  legacyAlgorithms: string[];
}

/**
 * Opens a PKCS#12 keystore with node-forge. forge, unlike OpenSSL 3's default provider, still reads
 * RC2-40, so a legacy keystore opens here; the caller warns about it (legacyAlgorithms).
 * `passphraseSource` names where the passphrase came from, for the wrong-password message.
 */
export async function readPkcs12File(
  file: string,
  passphrase: string,
  passphraseSource?: string,
): Promise<Pkcs12Contents> {
  const data = await readInputFile(file, 'PKCS#12 keystore');
  const p12 = decodePkcs12(file, data, passphrase, passphraseSource);
  let contents: Omit<Pkcs12Contents, 'legacyAlgorithms'>;
  try {
    contents = extractContents(file, p12);
  } catch (error) {
    if (error instanceof KeystoreError) throw error;
    throw notPkcs12(file, (error as Error).message, error);
  }
  return { ...contents, legacyAlgorithms: legacyPkcs12Algorithms(data) };
}

/**
 * Decodes and decrypts the PKCS#12 bytes read from `file` (a PEM file, a non-DER file, a truncated
 * copy and a wrong password each give their own KeystoreError). Shared with read-keystore-file.ts.
 */
export function decodePkcs12(
  file: string,
  data: Buffer,
  passphrase: string,
  passphraseSource?: string,
): forge.pkcs12.Pkcs12Pfx {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(data.subarray(0, 4096).toString('latin1'))?.[1];
  if (label !== undefined) {
    throw new KeystoreError(
      file,
      'not-pkcs12',
      `${file}: is PEM text, not a PKCS#12 keystore (-----BEGIN ${label}-----). Load it as certFile and keyFile, or convert it: openssl pkcs12 -export -in cert.pem -inkey key.pem -out keystore.p12.`,
    );
  }
  // A PFX is a DER SEQUENCE (RFC 7292 §4): anything else is not a keystore at all.
  if (data[0] !== 0x30) throw notPkcs12(file, describeStart(data));
  let asn1: forge.asn1.Asn1;
  try {
    // strict: a value longer than the bytes left is an error, not silently cut (a truncated copy).
    asn1 = forge.asn1.fromDer(data.toString('binary'), true);
  } catch (error) {
    if (/too few bytes/i.test((error as Error).message)) {
      throw new KeystoreError(
        file,
        'not-pkcs12',
        `${file}: the keystore is cut short (${data.length} bytes). Give the .p12/.pfx file as exported, in full.`,
        { cause: error },
      );
    }
    throw notPkcs12(file, describeStart(data), error);
  }
  const iterations = largestPkcs12Iterations(asn1);
  if (iterations > maxPkcs12Iterations) {
    const shown = Number.isFinite(iterations) ? iterations.toLocaleString('en-US') : 'more than 2^48';
    throw new KeystoreError(
      file,
      'unsupported-keystore',
      `${file}: the keystore asks for ${shown} key-derivation iterations, more than the ${maxPkcs12Iterations.toLocaleString('en-US')} the harness will compute (it could take hours). Re-export it with standard settings: ${convertLegacyPkcs12Command(file)}.`,
    );
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, true, passphrase);
  } catch (error) {
    throw openFailure(file, error, passphraseSource);
  }
}

function openFailure(file: string, error: unknown, passphraseSource: string | undefined): KeystoreError {
  const message = (error as Error).message;
  if (/MAC could not be verified|wrong password/i.test(message)) {
    const check =
      passphraseSource === undefined ? 'Check the passphrase' : `Check the passphrase (${passphraseSource})`;
    return new KeystoreError(
      file,
      'wrong-password',
      `${file}: the password does not open this keystore (PKCS#12 MAC check failed). ${check}.`,
      { cause: error },
    );
  }
  if (/unsupported|unknown/i.test(message)) {
    return new KeystoreError(
      file,
      'unsupported-pkcs12',
      `${file}: the keystore uses an algorithm the harness cannot read (${message}). Re-export it with AES-256: ${convertLegacyPkcs12Command(file)}.`,
      { cause: error },
    );
  }
  return notPkcs12(file, message, error);
}

function notPkcs12(file: string, seen: string, cause?: unknown): KeystoreError {
  return new KeystoreError(
    file,
    'not-pkcs12',
    `${file}: not a PKCS#12 keystore (${seen}). Give the .p12/.pfx file as exported, in full.`,
    cause === undefined ? undefined : { cause },
  );
}

function extractContents(
  file: string,
  p12: forge.pkcs12.Pkcs12Pfx,
): Omit<Pkcs12Contents, 'legacyAlgorithms'> {
  const bags = p12.safeContents.flatMap((contents) => contents.safeBags);
  const keyBag = bags.find(
    (bag) => bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag,
  );
  const certificates = bags
    .filter((bag) => bag.type === forge.pki.oids.certBag)
    .map((bag) => new X509Certificate(derOf(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1)));
  if (!keyBag) {
    throw new KeystoreError(
      file,
      'incomplete-pkcs12',
      `${file}: the keystore holds no private key (${certificates.length} certificate(s) only). Export it again with its private key.`,
    );
  }
  if (certificates.length === 0) {
    throw new KeystoreError(
      file,
      'incomplete-pkcs12',
      `${file}: the keystore holds no certificate (a private key only). Export it again with the certificate.`,
    );
  }
  // forge parses RSA keys; for other types it leaves the PrivateKeyInfo in `asn1`.
  const privateKeyInfo = keyBag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
    : keyBag.asn1;
  const privateKey = createPrivateKey({ key: derOf(privateKeyInfo), format: 'der', type: 'pkcs8' });
  return { privateKey, certificates };
}

function derOf(asn1: forge.asn1.Asn1 | undefined): Buffer {
  if (!asn1) throw new Error('PKCS#12 bag without content');
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
