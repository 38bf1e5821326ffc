import { X509Certificate } from 'node:crypto';
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  NameConstraints,
  SubjectAlternativeName,
  id_ce_basicConstraints,
  id_ce_nameConstraints,
  id_ce_subjectAltName,
  type GeneralSubtrees,
} from '@peculiar/asn1-x509';

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

/** Reads the key and policy facts of a PEM or DER certificate. Pure: no I/O. */
export function certificateKeyFacts(certificate: string | Buffer | X509Certificate): CertificateKeyFacts {
  const x509 = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  const parsed = AsnConvert.parse(x509.raw, Certificate);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const oid = parsed.signatureAlgorithm.algorithm;
  const signatureAlgorithm = signatureNames[oid] ?? oid;
  const extension = (id: string) => parsed.tbsCertificate.extensions?.find((item) => item.extnID === id);
  const basic = extension(id_ce_basicConstraints);
  const constraints = extension(id_ce_nameConstraints);
  const names = extension(id_ce_subjectAltName);
  const parsedConstraints = constraints
    ? AsnConvert.parse(constraints.extnValue, NameConstraints)
    : undefined;
  return {
    keyType: key.asymmetricKeyType ?? 'unknown',
    ...(details.modulusLength !== undefined ? { bits: details.modulusLength } : {}),
    ...(details.namedCurve !== undefined
      ? { curve: nistCurves[details.namedCurve] ?? details.namedCurve }
      : {}),
    signatureAlgorithm,
    weakSignatureHash: weakSignatures.has(signatureAlgorithm),
    isCa: basic ? AsnConvert.parse(basic.extnValue, BasicConstraints).cA : false,
    permittedDns: dnsSubtrees(parsedConstraints?.permittedSubtrees),
    excludedDns: dnsSubtrees(parsedConstraints?.excludedSubtrees),
    dnsNames: names
      ? AsnConvert.parse(names.extnValue, SubjectAlternativeName).flatMap((name) =>
          name.dNSName === undefined ? [] : [name.dNSName],
        )
      : [],
  };
}

/** `rsa 2048`, `ec P-256`, `ed25519`: a key in a few words, for listings and reasons. */
export function describeKey(facts: Pick<CertificateKeyFacts, 'keyType' | 'bits' | 'curve'>): string {
  return [facts.keyType, facts.bits ?? facts.curve].filter((part) => part !== undefined).join(' ');
}

function dnsSubtrees(subtrees: GeneralSubtrees | undefined): string[] {
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
