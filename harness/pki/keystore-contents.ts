import type { KeyObject, X509Certificate } from 'node:crypto';

/** The keystore formats the harness reads. JCEKS and BKS are recognised and refused with a conversion hint. */
export type KeystoreFormat = 'JKS' | 'PKCS#12';

/** `keytool -list` calls them PrivateKeyEntry and trustedCertEntry. */
export type KeystoreEntryKind = 'private-key' | 'trusted-certificate';

/** One entry of a keystore, as `keytool -list -v` shows it. Never holds key material. */
export interface KeystoreEntry {
  /** As stored; keytool lower-cases JKS aliases, and lookups ignore case as Java's do. */
  alias: string;
  kind: KeystoreEntryKind;
  /** `private-key`: its certificate chain, the leaf first; `trusted-certificate`: the one certificate. */
  certificates: X509Certificate[];
  /** When the entry was stored (JKS records it; PKCS#12 does not). */
  createdAt?: Date;
}

/** A keystore read from a file: its entries, and a way to unlock one private key. */
export interface KeystoreContents {
  file: string;
  format: KeystoreFormat;
  entries: KeystoreEntry[];
  /**
   * Whether the store password was checked against the file. False only for a JKS read without a
   * password: its certificates are stored in clear, and Java's `KeyStore.load(in, null)` reads them
   * the same way, without the integrity check.
   */
  integrityChecked: boolean;
  /**
   * The private key of a `private-key` entry. JKS protects each key with its own key password
   * (keytool's `-keypass`, the store password by default); PKCS#12 has one password for everything
   * (keytool: "Different store and key passwords not supported for PKCS12 KeyStores"), so there the
   * key password is not used. Throws KeystoreError `wrong-key-password` when it does not unlock the key.
   */
  unlockKey(alias: string, keyPassword: KeyPassword): KeyObject;
  /** One line each, in the `<file>: ...` form of errors (e.g. a legacy PKCS#12 algorithm). */
  warnings: string[];
}

/** The password to unlock a key with, and how messages name where it came from. */
export interface KeyPassword {
  value: string;
  /** True when no key password was given and the store password is tried, as keytool does. */
  isStorePassword: boolean;
  /** Where a key password is given (`keyPasswordEnv CLIENT_KEY_PASS`, `--key-passphrase-env`). */
  source?: string;
}
