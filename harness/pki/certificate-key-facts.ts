import type { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Asn1Schema from '@peculiar/asn1-schema';
import type * as Asn1X509 from '@peculiar/asn1-x509';
import { readSignatureAlgorithmOid } from './signature-algorithm-oid.ts';
import { perCertificate } from './per-certificate.ts';

// @peculiar's ASN.1 classes (and reflect-metadata) take ~90 ms to load: only the name constraints need
// them, so they are required on first use, not by every process that probes or inspects a certificate.
const require = createRequire(import.meta.url);
let asn1: { schema: typeof Asn1Schema; x509: typeof Asn1X509 } | undefined;
function loadAsn1(): { schema: typeof Asn1Schema; x509: typeof Asn1X509 } {
  if (asn1 === undefined) {
    require('reflect-metadata');
    asn1 = {
      schema: require('@peculiar/asn1-schema') as typeof Asn1Schema,
      x509: require('@peculiar/asn1-x509') as typeof Asn1X509,
    };
  }
  return asn1;
}

/** What a certificate's key and signature are, and the policy extensions a verifier may check. */
export interface CertificateKeyFacts {
  /** Node's key type: `rsa`, `rsa-pss`, `ec`, `ed25519`, `ed448`, `dsa`… */
  keyType: string;
  /** RSA modulus bits; absent for the others. */
  bits?: number;
  /** NIST name of an EC key's curve (`P-256`), or OpenSSL's name for another curve. */
  curve?: string;
  /** The issuer's signature, as openssl names it (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `ED25519`). */
  signatureAlgorithm: string;
  /** Whether that signature hashes with SHA-1 (or MD5): refused by OpenSSL 3 from security level 1. */
  weakSignatureHash: boolean;
}

/** The extensions certificatePolicyFacts reads. */
export interface CertificatePolicyFacts {
  /** basicConstraints cA. */
  isCa: boolean;
  /** dNSName subtrees of nameConstraints; empty when absent. */
  permittedDns: string[];
  excludedDns: string[];
  /** dNSName entries of subjectAltName. */
  dnsNames: string[];
}

// RFC 4055, RFC 5758, RFC 8410, RFC 3279: the OIDs a certificate's signatureAlgorithm takes here.
const signatureNames: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};
const weakSignatures = new Set(['md5WithRSAEncryption', 'sha1WithRSAEncryption', 'ecdsa-with-SHA1']);
const nistCurves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** Reads the key and policy facts of a PEM or DER certificate, once per object (perCertificate). Pure: no I/O. */
export const certificateKeyFacts = perCertificate(readKeyFacts);

function readKeyFacts(x509: X509Certificate): CertificateKeyFacts {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const oid = readSignatureAlgorithmOid(x509.raw);
  const signatureAlgorithm = signatureNames[oid] ?? oid;
  return {
    keyType: key.asymmetricKeyType ?? 'unknown',
    ...(details.modulusLength !== undefined ? { bits: details.modulusLength } : {}),
    ...(details.namedCurve !== undefined
      ? { curve: nistCurves[details.namedCurve] ?? details.namedCurve }
      : {}),
    signatureAlgorithm,
    weakSignatureHash: weakSignatures.has(signatureAlgorithm),
  };
}

/**
 * The policy extensions a careful verifier checks: basicConstraints cA (Node's `x509.ca` is OpenSSL's
 * X509_check_ca, which also wants keyCertSign, so a CA:TRUE leaf without it reads as false), name
 * constraints and the SAN's DNS names. Parses the certificate with @peculiar's classes, loaded on first use.
 */
// A mock server checks the same trust anchors on every handshake: their facts are parsed once.
export const certificatePolicyFacts = perCertificate(parsePolicyFacts);

function parsePolicyFacts(x509: X509Certificate): CertificatePolicyFacts {
  const { schema, x509: classes } = loadAsn1();
  const parsed = schema.AsnConvert.parse(x509.raw, classes.Certificate);
  const extension = (id: string) => parsed.tbsCertificate.extensions?.find((item) => item.extnID === id);
  const basic = extension(classes.id_ce_basicConstraints);
  const constraints = extension(classes.id_ce_nameConstraints);
  const names = extension(classes.id_ce_subjectAltName);
  const parsedConstraints = constraints
    ? schema.AsnConvert.parse(constraints.extnValue, classes.NameConstraints)
    : undefined;
  return {
    isCa: basic ? schema.AsnConvert.parse(basic.extnValue, classes.BasicConstraints).cA : false,
    permittedDns: dnsSubtrees(parsedConstraints?.permittedSubtrees),
    excludedDns: dnsSubtrees(parsedConstraints?.excludedSubtrees),
    dnsNames: names
      ? schema.AsnConvert.parse(names.extnValue, classes.SubjectAlternativeName).flatMap((name) =>
          name.dNSName === undefined ? [] : [name.dNSName],
        )
      : [],
  };
}

/** `rsa 2048`, `ec P-256`, `ed25519`: a key in a few words, for listings and reasons. */
export function describeKey(facts: Pick<CertificateKeyFacts, 'keyType' | 'bits' | 'curve'>): string {
  return [facts.keyType, facts.bits ?? facts.curve].filter((part) => part !== undefined).join(' ');
}

function dnsSubtrees(subtrees: Asn1X509.GeneralSubtrees | undefined): string[] {
  return (subtrees ?? []).flatMap((subtree) =>
    subtree.base.dNSName === undefined ? [] : [subtree.base.dNSName],
  );
}

/**
 * Whether a DNS name lies within a dNSName constraint (RFC 5280 §4.2.1.10): `.example.com` takes the
 * names under it, `example.com` also takes itself. Case-insensitive.
 */
export function withinDnsSubtree(name: string, subtree: string): boolean {
  const host = name.toLowerCase();
  const base = subtree.toLowerCase();
  if (base.startsWith('.')) return host.endsWith(base);
  return host === base || host.endsWith(`.${base}`);
}
