import { recoverJksPrivateKey } from './sun-key-protector.ts';
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { parseJks, type KeyEntry, type TrustedKeyEntry } from 'jks-js';
import type { KeyPassword, KeystoreContents, KeystoreEntry } from './keystore-contents.ts';
import { KeystoreError } from './keystore-error.ts';

// The JKS integrity check: SHA-1 over the password as UTF-16BE, the "whitener" string Sun chose,
// then the whole body; the 20-byte digest closes the file (JavaKeyStore.engineStore).
const whitener = Buffer.from('Mighty Aphrodite', 'utf8');
const digestLength = 20;

/**
 * Reads a JKS keystore with jks-js (no Java needed). Certificates are stored in clear, so without
 * a store password the entries are listed and the integrity is not checked, as Java's
 * `KeyStore.load(in, null)` does; with one, a wrong password is a KeystoreError `wrong-password`.
 */
export function decodeJks(
  file: string,
  data: Buffer,
  storePassword: string | undefined,
  storePasswordSource?: string,
): KeystoreContents {
  let parsed: (KeyEntry | TrustedKeyEntry)[];
  try {
    // Without a password jks-js only parses; the digest is checked below, over exactly the body.
    parsed = parseJks(data, '');
  } catch (error) {
    throw damaged(file, data, error);
  }
  if (storePassword !== undefined && !integrityHolds(data, storePassword)) {
    const check =
      storePasswordSource === undefined
        ? 'Check the store password'
        : `Check the store password (${storePasswordSource})`;
    throw new KeystoreError(
      file,
      'wrong-password',
      `${file}: the store password does not open this keystore (JKS integrity check failed; Java reports "Keystore was tampered with, or password was incorrect"). ${check}.`,
    );
  }
  const entries: KeystoreEntry[] = [];
  const protectedKeys = new Map<string, Buffer>();
  for (const entry of parsed) {
    try {
      if ('protectedPrivateKey' in entry) {
        protectedKeys.set(entry.alias, entry.protectedPrivateKey);
        entries.push({
          alias: entry.alias,
          kind: 'private-key',
          certificates: entry.chain.map((certificate) => new X509Certificate(certificate.value)),
          createdAt: entry.date,
        });
      } else {
        entries.push({
          alias: entry.alias,
          kind: 'trusted-certificate',
          certificates: [new X509Certificate(entry.cert.value)],
          createdAt: entry.date,
        });
      }
    } catch (error) {
      throw damaged(file, data, error);
    }
  }
  return {
    file,
    format: 'JKS',
    entries,
    integrityChecked: storePassword !== undefined,
    unlockKey: (alias, password) => unlock(file, alias, protectedKeys.get(alias), password),
    warnings: [],
  };
}

function integrityHolds(data: Buffer, password: string): boolean {
  if (data.length < 8 + digestLength) return false;
  const body = data.subarray(0, data.length - digestLength);
  const stored = data.subarray(data.length - digestLength);
  const computed = createHash('sha1').update(utf16be(password)).update(whitener).update(body).digest();
  return computed.equals(stored);
}

/** Java's `char[]` as bytes: one UTF-16 code unit each, high byte first. */
function utf16be(text: string): Buffer {
  const bytes = Buffer.alloc(text.length * 2);
  for (let index = 0; index < text.length; index += 1) bytes.writeUInt16BE(text.charCodeAt(index), index * 2);
  return bytes;
}

function unlock(
  file: string,
  alias: string,
  protectedKey: Buffer | undefined,
  password: KeyPassword,
): KeyObject {
  if (protectedKey === undefined) throw new Error(`no private key entry "${alias}" in ${file}`);
  let der: Buffer;
  try {
    der = recoverJksPrivateKey(protectedKey, password.value);
  } catch (error) {
    const message = (error as Error).message;
    if (/Cannot recover key/.test(message)) throw wrongKeyPassword(file, alias, password, error);
    throw new KeystoreError(
      file,
      'unsupported-keystore',
      `${file}: the key of entry "${alias}" cannot be read (${message}). Convert the keystore to PKCS#12: keytool -importkeystore -srckeystore ${file} -destkeystore ${file}.p12 -deststoretype PKCS12.`,
      { cause: error },
    );
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

// Sun's key protector ends each key with SHA-1(password, key): a mismatch is the only sign of a wrong
// key password, and Java reports it as UnrecoverableKeyException "Cannot recover key".
function wrongKeyPassword(file: string, alias: string, password: KeyPassword, cause: unknown): KeystoreError {
  const where = password.source === undefined ? '' : ` (${password.source})`;
  const message = password.isStorePassword
    ? `${file}: the key of entry "${alias}" has a key password of its own: the store password opened the keystore but does not unlock the key (Java reports "Cannot recover key"). Give the key password${where}.`
    : `${file}: the key password does not unlock entry "${alias}" (the store password opened the keystore; Java reports "Cannot recover key"). Check the key password${where}: keytool sets it with -keypass, and without -keypass it is the store password.`;
  return new KeystoreError(file, 'wrong-key-password', message, { cause });
}

function damaged(file: string, data: Buffer, cause: unknown): KeystoreError {
  const reason = cause instanceof RangeError ? 'it ends in the middle of an entry' : (cause as Error).message;
  return new KeystoreError(
    file,
    'not-keystore',
    `${file}: the JKS keystore is cut short or damaged (${data.length} bytes; ${reason}). Give the .jks file as keytool wrote it, in full.`,
    { cause },
  );
}
