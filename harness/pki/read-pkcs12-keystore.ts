import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { KeystoreContents, KeystoreEntry } from './keystore-contents.ts';
import { isKeystoreError, KeystoreError } from './keystore-error.ts';
import { legacyPkcs12Algorithms } from './legacy-pkcs12-algorithms.ts';
import { decodePkcs12 } from './read-pkcs12-file.ts';

/** The attributes keytool reads from a bag: friendlyName (its alias) and localKeyId (key ↔ certificate). */
interface BagAttributes {
  alias?: string;
  localKeyId?: string;
}

/**
 * Reads a PKCS#12 file as Java's PKCS12 KeyStore sees it: each key bag is a private-key entry named by
 * its friendlyName (keytool's alias; `1`, `2`, … without one, as keytool lists OpenSSL's), paired with
 * its certificate by localKeyId; the other certificates complete the chains or, when no chain uses
 * them, are trusted-certificate entries (a truststore written by `keytool -importcert`).
 */
export function decodePkcs12Keystore(
  file: string,
  data: Buffer,
  storePassword: string | undefined,
  storePasswordSource?: string,
): KeystoreContents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = decodePkcs12(file, data, storePassword ?? '', storePasswordSource);
  } catch (error) {
    if (!isKeystoreError(error, 'wrong-password')) throw error;
    const check =
      storePasswordSource === undefined
        ? 'Check the store password'
        : `Check the store password (${storePasswordSource})`;
    const message =
      storePassword === undefined
        ? `${file}: a PKCS#12 keystore cannot be read without its store password (PKCS#12 MAC check failed with none). Give the store password${storePasswordSource === undefined ? '' : ` (${storePasswordSource})`}.`
        : `${file}: the store password does not open this keystore (PKCS#12 MAC check failed). ${check}.`;
    throw new KeystoreError(file, 'wrong-password', message, { cause: error });
  }
  const bags = p12.safeContents.flatMap((contents) => contents.safeBags);
  const keyBags = bags.filter(
    (bag) => bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag,
  );
  const certificateBags = bags
    .filter((bag) => bag.type === forge.pki.oids.certBag)
    .map((bag) => ({ ...attributesOf(bag), certificate: certificateOf(bag) }));

  const entries: KeystoreEntry[] = [];
  const keys = new Map<string, KeyObject>();
  const used = new Set<X509Certificate>();
  keyBags.forEach((bag, index) => {
    const { alias = String(index + 1), localKeyId } = attributesOf(bag);
    const key = privateKeyOf(bag);
    const leaf =
      certificateBags.find((candidate) => localKeyId !== undefined && candidate.localKeyId === localKeyId)
        ?.certificate ??
      certificateBags.find((candidate) => candidate.certificate.checkPrivateKey(key))?.certificate;
    const chain = leaf
      ? chainFrom(
          leaf,
          certificateBags.map((candidate) => candidate.certificate),
        )
      : [];
    chain.forEach((certificate) => used.add(certificate));
    keys.set(alias, key);
    entries.push({ alias, kind: 'private-key', certificates: chain });
  });
  certificateBags
    .filter((bag) => !used.has(bag.certificate))
    .forEach((bag, index) => {
      entries.push({
        alias: bag.alias ?? String(keyBags.length + index + 1),
        kind: 'trusted-certificate',
        certificates: [bag.certificate],
      });
    });
  const legacy = legacyPkcs12Algorithms(data);
  return {
    file,
    format: 'PKCS#12',
    entries,
    integrityChecked: true,
    unlockKey: (alias) => {
      const key = keys.get(alias);
      if (!key) throw new Error(`no private key entry "${alias}" in ${file}`);
      return key;
    },
    warnings:
      legacy.length === 0
        ? []
        : [
            `${file}: this keystore uses legacy PKCS#12 encryption (${legacy.join(', ')}) that OpenSSL 3 refuses.`,
          ],
  };
}

function attributesOf(bag: forge.pkcs12.Bag): BagAttributes {
  const attributes = bag.attributes as { friendlyName?: string[]; localKeyId?: string[] };
  return {
    ...(attributes.friendlyName?.[0] === undefined ? {} : { alias: attributes.friendlyName[0] }),
    ...(attributes.localKeyId?.[0] === undefined ? {} : { localKeyId: attributes.localKeyId[0] }),
  };
}

/** The leaf, then each issuer found among `certificates`, up to a self-signed root or a missing link. */
function chainFrom(leaf: X509Certificate, certificates: X509Certificate[]): X509Certificate[] {
  const chain = [leaf];
  for (let current = leaf; !isSelfSigned(current);) {
    const issuer = certificates.find(
      (candidate) =>
        !chain.includes(candidate) && current.checkIssued(candidate) && current.verify(candidate.publicKey),
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

function certificateOf(bag: forge.pkcs12.Bag): X509Certificate {
  return new X509Certificate(derOf(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1));
}

function privateKeyOf(bag: forge.pkcs12.Bag): KeyObject {
  // forge parses RSA keys; for other types it leaves the PrivateKeyInfo in `asn1`.
  const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  return createPrivateKey({ key: derOf(info), format: 'der', type: 'pkcs8' });
}

function derOf(asn1: forge.asn1.Asn1 | undefined): Buffer {
  if (!asn1) throw new Error('PKCS#12 bag without content');
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
