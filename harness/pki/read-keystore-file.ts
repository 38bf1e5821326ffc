import type { KeystoreContents } from './keystore-contents.ts';
import { KeystoreError } from './keystore-error.ts';
import { describeStart, readInputFile } from './read-input-file.ts';

/** JKS files start with this magic number (sun.security.provider.JavaKeyStore). */
const jksMagic = 0xfeedfeed;
/** JCEKS files (com.sun.crypto.provider.JceKeyStore): recognised, not read. */
const jceksMagic = 0xcececece;

export interface KeystoreOpening {
  /** Absent: a JKS is listed without its integrity check; a PKCS#12 cannot be read at all. */
  storePassword?: string;
  /** Where it came from (`storePasswordEnv CLIENT_JKS_PASS`), named when it is wrong. Never the value. */
  storePasswordSource?: string;
}

/**
 * Opens a keystore by its content, not its name: since Java 9 keytool writes PKCS#12 unless told
 * `-storetype JKS` (JEP 229), so a `.jks` file may well be PKCS#12. JKS is known by its magic number
 * 0xFEEDFEED, PKCS#12 by its DER SEQUENCE; JCEKS (0xCECECECE) and anything else get a one-line error.
 */
export async function readKeystoreFile(
  file: string,
  opening: KeystoreOpening = {},
): Promise<KeystoreContents> {
  const data = await readInputFile(file, 'keystore');
  const magic = data.length >= 4 ? data.readUInt32BE(0) : undefined;
  // Each reader is loaded when its format is met: jks-js and node-forge cost a run ~0.1 s to load.
  if (magic === jksMagic) {
    const { decodeJks } = await import('./read-jks-keystore.ts');
    return decodeJks(file, data, opening.storePassword, opening.storePasswordSource);
  }
  if (magic === jceksMagic) {
    throw new KeystoreError(
      file,
      'unsupported-keystore',
      `${file}: is a JCEKS keystore, which the harness does not read. Convert it to PKCS#12: keytool -importkeystore -srckeystore ${file} -srcstoretype JCEKS -destkeystore ${file}.p12 -deststoretype PKCS12.`,
    );
  }
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(data.subarray(0, 4096).toString('latin1'))?.[1];
  if (label !== undefined) {
    throw new KeystoreError(
      file,
      'not-keystore',
      `${file}: is PEM text, not a keystore (-----BEGIN ${label}-----). Give PEM files as cert and key (or as serverCa) instead.`,
    );
  }
  if (data[0] === 0x30) {
    const { decodePkcs12Keystore } = await import('./read-pkcs12-keystore.ts');
    return decodePkcs12Keystore(file, data, opening.storePassword, opening.storePasswordSource);
  }
  throw new KeystoreError(
    file,
    'not-keystore',
    `${file}: not a JKS or PKCS#12 keystore (${describeStart(data)}). Give the .jks/.p12/.pfx file as keytool or openssl wrote it, in full.`,
  );
}
