import type { SecureVersion } from 'node:tls';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from './scenario.ts';
import { trustedIdentityRule } from './trust-rules.ts';

/** Accepted when the target declares the version and trusts the trusted identity; else rejected. */
export function tlsVersionRule(
  version: SecureVersion,
  target: TargetDeclaration,
  fixtures: FixtureFacts,
): ExpectationRule {
  if (!target.tlsVersions.includes(version)) {
    return {
      expected: 'rejected',
      because: `target declares tlsVersions [${target.tlsVersions.join(', ')}], without ${version}`,
    };
  }
  const trust = trustedIdentityRule(target, fixtures);
  return { ...trust, because: `target declares ${version}; ${trust.because}` };
}
