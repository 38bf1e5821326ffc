/**
 * A fixture set described as data: the built-in set (default-fixture-spec.ts) and a user's
 * `--spec FILE` are both one of these. validateFixtureSpec() turns untrusted input into it.
 */
export interface FixtureSpec {
  /** Format of the spec file. Only 1 exists. */
  version: 1;
  /** Every identity of the set, CAs and leaves, in the order listings show them. */
  identities: IdentitySpec[];
  /**
   * Trust bundles made of several CAs, written as `trust/<a>+<b>.pem`. Default: none (the built-in
   * spec asks for `ca1+ca2`). A bundle of each single CA (`trust/<ca>.pem`) is always written.
   */
  trustBundles?: string[][];
}

/** What a certificate is for: decides basicConstraints, keyUsage and the default EKU. */
export type IdentityRole = 'root-ca' | 'intermediate-ca' | 'server' | 'client';

export const identityRoles: readonly IdentityRole[] = ['root-ca', 'intermediate-ca', 'server', 'client'];

/** Whether a role issues certificates (and CRLs): a root or an intermediate CA. */
export function isCaRole(role: IdentityRole): boolean {
  return role === 'root-ca' || role === 'intermediate-ca';
}

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export const extendedKeyUsages: readonly ExtendedKeyUsage[] = ['serverAuth', 'clientAuth'];

export const rsaKeySizes: readonly number[] = [2048, 3072, 4096];

/** Below every modern policy (NIST SP 800-131A; OpenSSL 3 security level 2): weak-key fixtures only. */
export const weakRsaKeySize = 1024;

export interface IdentitySpec {
  /** File-name stem and the name scenarios use: lower-case letters, digits and `-`. */
  name: string;
  role: IdentityRole;
  /** One line for listings (`validity entirely in the past`). Default: none. */
  description?: string;
  /**
   * Name of the CA identity that signs this one. Required for `intermediate-ca`, forbidden for
   * `root-ca`; a leaf without an issuer is self-signed.
   */
  issuer?: string;
  /**
   * Subject attributes in the order they appear in the DN, long or short names (`commonName` or
   * `CN`); see distinguished-name.ts for the list.
   */
  subject: Record<string, string>;
  /** Default: 3650 days for CAs (the seed's `-days 3650`), 825 days for leaves; both from now. */
  validity?: ValiditySpec;
  /** Default: `[serverAuth]` for `server`, `[clientAuth]` for `client`, none (no extension) for CAs. */
  extendedKeyUsage?: ExtendedKeyUsage[];
  /** subjectAltName entries. Default: none. */
  subjectAltNames?: SubjectAltNamesSpec;
  /**
   * RSA modulus size in bits (`rsa`, `rsa-pss`): 2048 (default), 3072 or 4096; 1024 only with
   * `weakKey: true`, for a fixture that a target must refuse.
   */
  keySize?: number;
  /** basicConstraints pathLenConstraint of a CA. Default: 0 for `intermediate-ca`, none for `root-ca`. */
  pathLength?: number;
  /**
   * Listed on its issuer's CRLs (`crl/<issuer>.crl.pem`) and answered `revoked` by the harness's OCSP
   * responder. Default false.
   */
  revoked?: boolean;
  /** crlDistributionPoints URL (RFC 5280 §4.2.1.13), `http://` only. Default: no extension. */
  crlUrl?: string;
  /** authorityInfoAccess id-ad-ocsp URL (RFC 5280 §4.2.2.1), `http://` only. Default: no extension. */
  ocspUrl?: string;
  /** Type of the subject's key (key-algorithm.ts). Default: `rsa`. */
  keyAlgorithm?: KeyAlgorithm;
  /** Named curve of an `ec` key. Default: `P-256`; only with `keyAlgorithm: ec`. */
  curve?: EcCurve;
  /** Says that a `keySize` of 1024 is deliberate (a weak-key fixture). Default: false. */
  weakKey?: boolean;
  /**
   * Hash of the issuer's signature on this certificate. Default: `sha256`. `sha1` makes a certificate
   * that OpenSSL 3 refuses at security level 1 and above; an Ed25519 issuer takes no hash (ignored).
   */
  signatureHash?: SignatureHash;
  /** `{ ca: true }` on a leaf: a client or server certificate wrongly marked CA:TRUE. Default: none. */
  basicConstraints?: { ca: boolean };
  /** keyUsage bits instead of the role's default (key-usage.ts). Default: by role and key type. */
  keyUsage?: KeyUsage[];
  /** RFC 5280 §4.2.1.10 name constraints of a CA (critical). Default: none. */
  nameConstraints?: { permitted?: NameConstraintSubtrees; excluded?: NameConstraintSubtrees };
}

/** subjectAltName entries by type: dNSName, iPAddress, uniformResourceIdentifier (SPIFFE IDs), rfc822Name. */
export interface SubjectAltNamesSpec {
  dns?: string[];
  ip?: string[];
  uri?: string[];
  email?: string[];
}

/** Name-constraint subtrees: DNS suffixes (`.example.com` or `example.com`) and email domains. */
export interface NameConstraintSubtrees {
  dns?: string[];
  email?: string[];
}

export type KeyAlgorithm = 'rsa' | 'ec' | 'ed25519' | 'rsa-pss';

export const keyAlgorithms: readonly KeyAlgorithm[] = ['rsa', 'ec', 'ed25519', 'rsa-pss'];

export type EcCurve = 'P-256' | 'P-384' | 'P-521';

export const ecCurves: readonly EcCurve[] = ['P-256', 'P-384', 'P-521'];

export type SignatureHash = 'sha256' | 'sha384' | 'sha1';

export const signatureHashes: readonly SignatureHash[] = ['sha256', 'sha384', 'sha1'];

/** RFC 5280 §4.2.1.3 keyUsage bits, by their ASN.1 names. */
export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

export const keyUsages: readonly KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

/**
 * Relative validity (`days` long, starting `startsInDays` from the generation time; default 0, and
 * negative is in the past) or absolute ISO 8601 dates.
 */
export type ValiditySpec = { days: number; startsInDays?: number } | { notBefore: string; notAfter: string };
