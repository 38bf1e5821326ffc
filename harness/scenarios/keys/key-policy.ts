import { defaultKeyPolicy, type KeyPolicyDeclaration } from '../../pki/client-key-policy.ts';
import type { KeyAlgorithm } from '../../pki/fixture-spec.ts';

export { defaultKeyPolicy, type KeyPolicyDeclaration };

export interface KeyPolicy {
  keyTypes: readonly KeyAlgorithm[];
  minRsaBits: number;
  sha1: boolean;
  /** Whether the target declared `accepts:` or runs on the conservative default. */
  declared: boolean;
}

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
