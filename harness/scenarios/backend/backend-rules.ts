import { acceptedIfRootTrusted, trustedIdentityRule } from '../trust-rules.ts';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../scenario.ts';
import { describeBackend } from './backend-declaration.ts';

/** The fixture rejected-cert-not-forwarded presents: issued by rogue-ca, the CA no endpoint should trust. */
export const UNTRUSTED_FIXTURE = 'rogue';

/**
 * The expectation of a backend scenario that presents the trusted identity: `judged` when the target's
 * TLS layer accepts it (only then does the gateway have a certificate to forward), informational
 * otherwise.
 */
export function withTrustedIdentity(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  judged: ExpectationRule,
): ExpectationRule {
  if (target.backend === undefined) return notDeclared;
  const trusted = trustedIdentityRule(target, fixtures);
  if (trusted.expected !== 'accepted') {
    return {
      expected: 'informational',
      because: `not judged: the trusted identity is refused by the TLS layer (${trusted.because}), so the gateway has no certificate to forward`,
    };
  }
  return { expected: judged.expected, because: `${trusted.because}; ${judged.because}` };
}

/** rejected-cert-not-forwarded: judged when the target does not trust the untrusted fixture's root. */
export function withUntrustedCertificate(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  because: string,
): ExpectationRule {
  if (target.backend === undefined) return notDeclared;
  const rule = acceptedIfRootTrusted(target, fixtures, UNTRUSTED_FIXTURE);
  if (rule.expected === 'accepted') {
    return {
      expected: 'informational',
      because: `not judged: ${rule.because}, so it is no untrusted certificate`,
    };
  }
  return { expected: 'rejected', because: `${rule.because}; ${because}` };
}

/** `X-SSL-Client-Cert (pem-urlencoded), X-SSL-Client-Verify (SUCCESS when verified)`, or a placeholder. */
export function backendHeadersOf(target: TargetDeclaration): string {
  return target.backend === undefined ? 'the forwarded headers' : describeBackend(target.backend);
}

const notDeclared: ExpectationRule = {
  expected: 'informational',
  because: 'the target declares no backend block',
};
