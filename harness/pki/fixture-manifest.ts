import type { CertificateSummary } from './certificate-summary.ts';
import type { EcCurve, IdentityRole, KeyAlgorithm } from './fixture-spec.ts';
import type { Pkcs12Algorithm } from './build-pkcs12.ts';
import type { PassphraseVerifier } from './passphrase-verifier.ts';

/** Bumped whenever the generator's output changes for the same spec, so old caches are not reused. */
export const fixtureFormatVersion = 1;

/** manifest.json of a fixture set. Holds no secret: never a key, never the passphrase. */
export interface FixtureManifest {
  formatVersion: typeof fixtureFormatVersion;
  /** ISO 8601: the `now` relative validities were counted from. */
  generatedAt: string;
  /** SHA-256 of the resolved spec; the cache key of the certificates and keys. */
  specHash: string;
  keystores: {
    algorithm: Pkcs12Algorithm;
    /** Tells whether the .p12 files open with a passphrase, without storing it. */
    passphraseVerifier: PassphraseVerifier;
  };
  /** In spec order. */
  identities: ManifestIdentity[];
  /** Bundle name (`ca1`, `ca1+ca2`) → file path relative to the set's folder. */
  trustBundles: Record<string, string>;
  /**
   * Java truststores written by keytool (`fixtures --jks`): bundle name → `trust/NAME.jks` and
   * `trust/NAME.p12`, one trustedCertEntry per CA aliased by its fixture name. Absent without --jks.
   */
  trustStores?: Record<string, { jks: string; p12: string }>;
}

export interface ManifestIdentity extends CertificateSummary {
  name: string;
  role: IdentityRole;
  description: string | null;
  /** Fixture name of the issuing CA; null when self-signed (root CAs and the `self-signed` leaf). */
  issuerName: string | null;
  extendedKeyUsage: string[];
  /** The subject's key: `bits` for RSA keys, `curve` for EC keys, neither for Ed25519. */
  key: { type: KeyAlgorithm; bits?: number; curve?: EcCurve };
  /**
   * Paths relative to the set's folder. `chain` only where an intermediate sits between leaf and root;
   * `jks` (NAME.jks, alias NAME, written by keytool) only when the set was made with `--jks`.
   */
  files: { crt: string; key: string; p12: string; chain?: string; jks?: string };
}
