import { keyAlgorithms, type KeyAlgorithm } from './fixture-spec.ts';

/**
 * What client keys and signatures a target is declared to accept (`accepts:` in the config). Every
 * field is optional; the conservative default fills the rest.
 */
export interface KeyPolicyDeclaration {
  /** Key types accepted. Default: all of rsa, ec, ed25519, rsa-pss (the modern ones). */
  keyTypes?: readonly KeyAlgorithm[];
  /** Smallest RSA modulus accepted. Default 2048 (NIST SP 800-131A; OpenSSL 3 security level 2). */
  minRsaBits?: number;
  /** Whether certificates signed with SHA-1 are accepted. Default false (RFC 9155; OpenSSL 3 level 1). */
  sha1?: boolean;
}

/** The conservative default: modern key types, RSA from 2048 bits, no SHA-1. One home for the mock and the scenarios. */
export const defaultKeyPolicy: Required<KeyPolicyDeclaration> = {
  keyTypes: keyAlgorithms,
  minRsaBits: 2048,
  sha1: false,
};
