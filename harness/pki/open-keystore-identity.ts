import type { KeyObject, X509Certificate } from 'node:crypto';
import { KeystoreError } from './keystore-error.ts';
import { readKeystoreFile } from './read-keystore-file.ts';
import { selectPrivateKeyEntry } from './select-keystore-entry.ts';

/** A Java keystore (JKS, or PKCS#12 whatever its name) with the passwords and the alias to use. */
export interface KeystoreIdentitySource {
  keystoreFile: string;
  storePassword: string;
  /** The entry's own key password (JKS). Default: the store password, as keytool without `-keypass`. */
  keyPassword?: string;
  /** The entry to present. Default: the only private-key entry; an error lists them when there are several. */
  alias?: string;
  /** Where the store password came from (`storePasswordEnv CLIENT_JKS_PASS`), named if it is wrong. */
  storePasswordSource?: string;
  /** Where the key password came from, or is given (`keyPasswordEnv`), named if it is wrong. */
  keyPasswordSource?: string;
  /** How messages name the alias option (`alias`, `--alias`). Default `alias`. */
  aliasSource?: string;
}

export interface KeystoreIdentityParts {
  leaf: X509Certificate;
  privateKey: KeyObject;
  /** The certificates after the leaf, issuer first, self-signed roots left out (as a client sends them). */
  chain: X509Certificate[];
  alias: string;
  warnings: string[];
}

/** Opens the keystore, picks the entry and unlocks its key; every failure is a one-line KeystoreError. */
export async function openKeystoreIdentity(source: KeystoreIdentitySource): Promise<KeystoreIdentityParts> {
  const file = source.keystoreFile;
  const contents = await readKeystoreFile(file, {
    storePassword: source.storePassword,
    ...(source.storePasswordSource === undefined ? {} : { storePasswordSource: source.storePasswordSource }),
  });
  const entry = selectPrivateKeyEntry(contents, source.alias, source.aliasSource);
  const privateKey = contents.unlockKey(entry.alias, {
    value: source.keyPassword ?? source.storePassword,
    isStorePassword: source.keyPassword === undefined,
    ...(source.keyPasswordSource === undefined ? {} : { source: source.keyPasswordSource }),
  });
  const [leaf, ...rest] = entry.certificates;
  if (!leaf || !leaf.checkPrivateKey(privateKey)) {
    throw new KeystoreError(
      file,
      'key-mismatch',
      `${file}: the certificate of entry "${entry.alias}" does not belong to its private key. Import the signed certificate again (keytool -importcert -alias ${entry.alias}).`,
    );
  }
  const chain = rest.filter(
    (certificate) => !(certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey)),
  );
  return { leaf, privateKey, chain, alias: entry.alias, warnings: contents.warnings };
}
