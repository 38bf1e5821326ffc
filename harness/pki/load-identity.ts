import type { KeyObject, X509Certificate } from 'node:crypto';
import { summarizeCertificate } from './certificate-summary.ts';
import type { ClientIdentity } from './client-identity.ts';
import { KeystoreError } from './keystore-error.ts';
import { convertLegacyPkcs12Command } from './legacy-pkcs12-algorithms.ts';
import type { KeystoreIdentitySource } from './open-keystore-identity.ts';
import { readCertificateFile } from './read-certificate-file.ts';
import { readPrivateKeyFile } from './read-private-key-file.ts';

/**
 * How a user hands over an identity: PEM files, a PKCS#12 keystore (.p12/.pfx) and its passphrase, or
 * a Java keystore (JKS, or PKCS#12 by content) with its store password, key password and alias.
 */
export type IdentitySource =
  | {
      /** PEM or DER certificate; PEM may hold the chain after the leaf. */
      certFile: string;
      /** Unencrypted private key, PEM or DER. May be the same file as certFile (a combined PEM). */
      keyFile: string;
      /** More intermediates, PEM, the leaf's issuer first. Default: none. A leading copy of the leaf is skipped. */
      chainFile?: string;
    }
  | {
      p12File: string;
      passphrase: string;
      /** Where the passphrase came from (`--passphrase-env TPP1_PASS`), named if it is wrong. Default: none. */
      passphraseSource?: string;
    }
  | KeystoreIdentitySource;

/** A loaded identity, plus what the user should know about the input (e.g. a legacy keystore). */
export interface LoadedIdentity extends ClientIdentity {
  /** One line each, in the same `<file>: ...` form as errors. */
  warnings: string[];
}

/**
 * Loads and checks an identity: the certificate parses, the key is a private key, and the key belongs
 * to the certificate. Every failure is a KeystoreError (a HarnessError) with a one-line message.
 */
export async function loadIdentity(source: IdentitySource): Promise<LoadedIdentity> {
  if ('p12File' in source) return loadPkcs12Identity(source);
  if ('keystoreFile' in source) {
    // Loaded here: the Java keystore readers (jks-js) are for this source only.
    const { openKeystoreIdentity } = await import('./open-keystore-identity.ts');
    const parts = await openKeystoreIdentity(source);
    return identityOf(source.keystoreFile, parts.leaf, parts.privateKey, parts.chain, parts.warnings);
  }
  const [certificateFile, privateKey, chainFile] = await Promise.all([
    readCertificateFile(source.certFile),
    readPrivateKeyFile(source.keyFile),
    source.chainFile === undefined ? undefined : readCertificateFile(source.chainFile),
  ]);
  const [leaf, ...rest] = certificateFile.certificates;
  if (!leaf) throw new Error(`${source.certFile}: no certificate read`);
  checkKeyMatches(leaf.x509, privateKey, source.certFile, source.keyFile);
  const chain = [...rest, ...(chainFile?.certificates ?? [])].filter(
    (certificate) => certificate.x509.fingerprint256 !== leaf.x509.fingerprint256,
  );
  return identityOf(
    source.certFile,
    leaf.x509,
    privateKey,
    unique(chain.map((certificate) => certificate.x509)),
    [],
  );
}

async function loadPkcs12Identity(source: {
  p12File: string;
  passphrase: string;
  passphraseSource?: string;
}) {
  const file = source.p12File;
  // Loaded here: the PKCS#12 reader (node-forge) is for this source only.
  const { readPkcs12File } = await import('./read-pkcs12-file.ts');
  const contents = await readPkcs12File(file, source.passphrase, source.passphraseSource);
  const leaf = contents.certificates.find((certificate) => certificate.checkPrivateKey(contents.privateKey));
  if (!leaf) {
    const subjects = contents.certificates
      .map((certificate) => certificate.subject.replace(/\n/g, ', '))
      .join('; ');
    throw new KeystoreError(
      file,
      'key-mismatch',
      `${file}: no certificate in the keystore belongs to its private key (${subjects}). Export it again with the matching certificate.`,
    );
  }
  const warnings =
    contents.legacyAlgorithms.length === 0 ? [] : [legacyWarning(file, contents.legacyAlgorithms)];
  return identityOf(file, leaf, contents.privateKey, chainOf(leaf, contents.certificates), warnings);
}

function checkKeyMatches(
  certificate: X509Certificate,
  key: KeyObject,
  certFile: string,
  keyFile: string,
): void {
  if (certificate.checkPrivateKey(key)) return;
  throw new KeystoreError(
    keyFile,
    'key-mismatch',
    `${keyFile}: this key does not belong to the certificate in ${certFile} (certificate ${shortSubject(certificate)}). Give the key that was generated with that certificate.`,
  );
}

/** The intermediates from the leaf up, as a server needs them: issuer first, self-signed roots left out. */
function chainOf(leaf: X509Certificate, certificates: X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let current = leaf; ;) {
    const issuer = certificates.find(
      (candidate) => candidate !== current && !chain.includes(candidate) && current.checkIssued(candidate),
    );
    if (!issuer || issuer.checkIssued(issuer)) return chain;
    chain.push(issuer);
    current = issuer;
  }
}

function legacyWarning(file: string, algorithms: string[]): string {
  return (
    `${file}: this keystore uses legacy PKCS#12 encryption (${algorithms.join(', ')}) that OpenSSL 3 refuses ` +
    `(curl, nginx, Node's pfx option); the harness read it with node-forge. To use it elsewhere, convert it: ` +
    `${convertLegacyPkcs12Command(file)}.`
  );
}

function identityOf(
  label: string,
  leaf: X509Certificate,
  privateKey: KeyObject,
  chain: X509Certificate[],
  warnings: string[],
): LoadedIdentity {
  return {
    label,
    certificatePem: leaf.toString(),
    chainPems: chain.map((certificate) => certificate.toString()),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certificate: summarizeCertificate(leaf),
    warnings,
  };
}

function unique(certificates: X509Certificate[]): X509Certificate[] {
  return certificates.filter(
    (certificate, index) =>
      certificates.findIndex((other) => other.fingerprint256 === certificate.fingerprint256) === index,
  );
}

/** The subject's CN, which tells certificates apart in a message; the whole DN if it has none. */
function shortSubject(certificate: X509Certificate): string {
  const lines = certificate.subject.split('\n');
  return lines.find((line) => line.startsWith('CN=')) ?? lines.join(', ');
}
