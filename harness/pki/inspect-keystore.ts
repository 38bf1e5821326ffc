import { certificateKeyFacts, describeKey } from './certificate-key-facts.ts';
import type { X509Certificate } from 'node:crypto';
import { summarizeCertificate, type CertificateSummary } from './certificate-summary.ts';
import type {
  KeyPassword,
  KeystoreContents,
  KeystoreEntryKind,
  KeystoreFormat,
} from './keystore-contents.ts';
import { isKeystoreError } from './keystore-error.ts';

/** A fixture CA to recognise a chain by: its fixture name and certificate. */
export interface KnownCa {
  name: string;
  certificate: X509Certificate;
}

export interface InspectedCertificate extends CertificateSummary {
  /** Whole days from `now` to notAfter, rounded down: negative once expired. */
  daysLeft: number;
  /** notBefore is after `now`. */
  notYetValid: boolean;
  selfSigned: boolean;
  /** The subject's key in a few words: `rsa 2048`, `ec P-256`, `ed25519`, `rsa-pss 2048`. */
  key: string;
  /** The issuer's signature, as openssl names it (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`). */
  signatureAlgorithm: string;
}

/** What one entry holds, and what can be said about its chain. Never key material. */
export interface InspectedEntry {
  alias: string;
  kind: KeystoreEntryKind;
  createdAt?: string;
  /** The entry's certificates as stored: for a private key, its chain from the leaf. */
  certificates: InspectedCertificate[];
  /**
   * Whether the stored chain runs from the leaf through each issuer to a self-signed root, each link
   * checked by name, key identifiers (AKID/SKID) and signature. Only for private-key entries.
   */
  chainComplete?: boolean;
  /** What breaks it: the certificate whose issuer is missing. */
  chainGap?: string;
  /** The fixture CA the entry chains to (through the entry's own certificates, then the fixture CAs), or null. */
  fixtureCa?: string | null;
  /**
   * For a private-key entry opened with its store password: `unlocked` (with the key password, or the
   * store password when none was given), or `own-password` (the store password does not unlock it and
   * no key password was given). Never the key itself.
   */
  key?: 'unlocked' | 'own-password';
  /** With `key: unlocked`: whether the key belongs to the leaf certificate. */
  keyMatchesCertificate?: boolean;
}

/** `keystore inspect --json` prints this. Add fields freely; never rename one. */
export interface KeystoreInspection {
  version: 1;
  file: string;
  format: KeystoreFormat;
  integrityChecked: boolean;
  entries: InspectedEntry[];
  /** The fixture set the chains were compared with, when one was found. */
  fixtures?: string;
  warnings: string[];
}

/** Describes a keystore's entries: pure, given the contents, the fixture CAs and the time. */
export function inspectKeystore(
  contents: KeystoreContents,
  options: {
    knownCas?: readonly KnownCa[];
    fixtures?: string;
    now?: Date;
    /** Checks each private key with it (KeystoreError when an explicit key password is wrong). Default: not checked. */
    keyPassword?: KeyPassword;
  } = {},
): KeystoreInspection {
  const now = options.now ?? new Date();
  const knownCas = options.knownCas ?? [];
  return {
    version: 1,
    file: contents.file,
    format: contents.format,
    integrityChecked: contents.integrityChecked,
    entries: contents.entries.map((entry) => {
      const certificates = entry.certificates.map((certificate) => ({
        ...summarizeCertificate(certificate),
        daysLeft: Math.floor((Date.parse(certificate.validTo) - now.getTime()) / 86_400_000),
        notYetValid: Date.parse(certificate.validFrom) > now.getTime(),
        selfSigned: isSelfSigned(certificate),
        ...keyAndSignature(certificate),
      }));
      const chain = entry.kind === 'private-key' ? walkChain(entry.certificates) : undefined;
      return {
        alias: entry.alias,
        kind: entry.kind,
        ...(entry.createdAt === undefined ? {} : { createdAt: entry.createdAt.toISOString() }),
        certificates,
        ...(chain === undefined
          ? {}
          : { chainComplete: chain.complete, ...(chain.gap === undefined ? {} : { chainGap: chain.gap }) }),
        ...(options.knownCas === undefined ? {} : { fixtureCa: fixtureCaOf(entry.certificates, knownCas) }),
        ...(entry.kind === 'private-key' && options.keyPassword !== undefined
          ? keyFacts(contents, entry.alias, entry.certificates[0], options.keyPassword)
          : {}),
      };
    }),
    ...(options.fixtures === undefined ? {} : { fixtures: options.fixtures }),
    warnings: contents.warnings,
  };
}

function keyFacts(
  contents: KeystoreContents,
  alias: string,
  leaf: X509Certificate | undefined,
  password: KeyPassword,
): Pick<InspectedEntry, 'key' | 'keyMatchesCertificate'> {
  try {
    const key = contents.unlockKey(alias, password);
    return { key: 'unlocked', keyMatchesCertificate: leaf?.checkPrivateKey(key) ?? false };
  } catch (error) {
    // Without a key password of its own, a key that needs one is a fact to show, not a failure.
    if (password.isStorePassword && isKeystoreError(error, 'wrong-key-password'))
      return { key: 'own-password' };
    throw error;
  }
}

/** Whether `issuer` issued `certificate`: names and key identifiers (X509_check_issued), then the signature. */
export function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return issuedBy(certificate, certificate);
}

function walkChain(certificates: readonly X509Certificate[]): { complete: boolean; gap?: string } {
  const [leaf] = certificates;
  if (!leaf) return { complete: false, gap: 'the entry has no certificate' };
  const seen = [leaf];
  for (let current = leaf; ;) {
    if (isSelfSigned(current)) return { complete: true };
    const issuer = certificates.find(
      (candidate) => !seen.includes(candidate) && issuedBy(current, candidate),
    );
    if (!issuer) {
      return {
        complete: false,
        gap: `the issuer of ${commonName(current.subject)} (${commonName(current.issuer)}) is not in the entry`,
      };
    }
    seen.push(issuer);
    current = issuer;
  }
}

// ca1 and ca2 of the built-in set share one DN: only the signature tells them apart, so every link
// is checked with issuedBy, and the CA reached last (the root) names the chain.
function fixtureCaOf(certificates: readonly X509Certificate[], knownCas: readonly KnownCa[]): string | null {
  const [leaf] = certificates;
  if (!leaf) return null;
  let current = leaf;
  let reached: string | null = null;
  for (let step = 0; step < 10; step += 1) {
    const known = knownCas.find((ca) => ca.certificate.raw.equals(current.raw));
    if (known) reached = known.name;
    if (isSelfSigned(current)) return reached;
    const issuer =
      certificates.find((candidate) => candidate !== current && issuedBy(current, candidate)) ??
      knownCas.find((ca) => issuedBy(current, ca.certificate))?.certificate;
    if (!issuer) return reached;
    current = issuer;
  }
  return reached;
}

function commonName(dn: string): string {
  const line = dn.split('\n').find((part) => part.startsWith('CN='));
  return line ?? dn.replace(/\n/g, ', ');
}

function keyAndSignature(certificate: X509Certificate): { key: string; signatureAlgorithm: string } {
  const facts = certificateKeyFacts(certificate);
  return { key: describeKey(facts), signatureAlgorithm: facts.signatureAlgorithm };
}
