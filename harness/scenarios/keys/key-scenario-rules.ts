import type { KeyAlgorithm } from '../../pki/fixture-spec.ts';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../scenario.ts';
import { acceptedIfRootTrusted, describeChain, rejectedDespiteIssuer } from '../trust-rules.ts';
import { describeKeyPolicy, keyPolicyOf } from './key-policy.ts';

/** A valid client with a key of `type`: accepted when its root is trusted and the policy takes the type. */
export function keyTypeRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
  type: KeyAlgorithm,
): ExpectationRule {
  const policy = keyPolicyOf(target);
  const trust = acceptedIfRootTrusted(target, fixtures, fixture);
  if (trust.expected === 'rejected') return trust;
  if (!policy.keyTypes.includes(type)) {
    return {
      expected: 'rejected',
      because: `${describeChain(fixture, fixtures)}; ${describeKeyPolicy(policy, 'keyTypes')}, without ${type}`,
    };
  }
  return { expected: 'accepted', because: `${trust.because}; ${describeKeyPolicy(policy, 'keyTypes')}` };
}

/** The RSA-1024 client: accepted only when trusted and the declared minRsaBits is 1024 or less. */
export function weakRsaRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
): ExpectationRule {
  const policy = keyPolicyOf(target);
  return policyGatedRule(target, fixtures, fixture, {
    allowed: policy.minRsaBits <= 1024 && policy.keyTypes.includes('rsa'),
    policy: describeKeyPolicy(policy, 'minRsaBits'),
    refused: 'its RSA key has 1024 bits',
  });
}

/** The SHA-1-signed client: accepted only when trusted and the target declares sha1: true. */
export function sha1Rule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
): ExpectationRule {
  const policy = keyPolicyOf(target);
  return policyGatedRule(target, fixtures, fixture, {
    allowed: policy.sha1,
    policy: describeKeyPolicy(policy, 'sha1'),
    refused: 'its issuer signed it with SHA-1',
  });
}

// A client the declared policy lets in or not, once its root is trusted; refused with what it has.
function policyGatedRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
  gate: { allowed: boolean; policy: string; refused: string },
): ExpectationRule {
  const trust = acceptedIfRootTrusted(target, fixtures, fixture);
  if (trust.expected === 'accepted' && gate.allowed) {
    return { expected: 'accepted', because: `${trust.because}; ${gate.policy}` };
  }
  return rejectedDespiteIssuer(target, fixtures, fixture, `${gate.refused}; ${gate.policy}`);
}
