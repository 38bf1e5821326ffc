import { keyAlgorithms, type KeyAlgorithm } from '../../pki/fixture-spec.ts';

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

export interface KeyPolicy {
  keyTypes: readonly KeyAlgorithm[];
  minRsaBits: number;
  sha1: boolean;
  /** Whether the target declared `accepts:` or runs on the conservative default. */
  declared: boolean;
}

export const defaultKeyPolicy: Omit<KeyPolicy, 'declared'> = {
  keyTypes: keyAlgorithms,
  minRsaBits: 2048,
  sha1: false,
};

/** The declared policy with the defaults applied. */
export function keyPolicyOf(target: { accepts?: KeyPolicyDeclaration }): KeyPolicy {
  const declared = target.accepts;
  return {
    keyTypes: declared?.keyTypes ?? defaultKeyPolicy.keyTypes,
    minRsaBits: declared?.minRsaBits ?? defaultKeyPolicy.minRsaBits,
    sha1: declared?.sha1 ?? defaultKeyPolicy.sha1,
    declared: declared !== undefined,
  };
}

/** `accepts keyTypes [rsa, ec] (declared)` / `(conservative default)`: the second half of a because line. */
export function describeKeyPolicy(policy: KeyPolicy, field: 'keyTypes' | 'minRsaBits' | 'sha1'): string {
  const value = field === 'keyTypes' ? `[${policy.keyTypes.join(', ')}]` : String(policy[field]);
  return `accepts.${field} is ${value}${policy.declared ? '' : ' (the conservative default; declare accepts: to change it)'}`;
}
