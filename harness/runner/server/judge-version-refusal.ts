import type { SecureVersion } from 'node:tls';
import type { Observation } from '../../probe/observation.ts';
import type { ExpectationRule } from '../../scenarios/scenario.ts';
import type { Judgement } from '../judgement.ts';
import { describeObservation } from './judge-observation.ts';

/**
 * A version the target must refuse (rule.refusedInHandshake) is refused only by a handshake that does
 * not complete: a completed one fails, whatever came after it. nginx trusting only ca2, offered tpp1
 * over TLS 1.0, negotiates TLS 1.0 and then answers HTTP 400 for the certificate, which would otherwise
 * count as a refusal. Undefined when the rule does not ask this, or the handshake did not complete.
 */
export function judgeVersionRefusal(
  rule: ExpectationRule,
  version: SecureVersion | undefined,
  observation: Observation,
): Judgement | undefined {
  if (!rule.refusedInHandshake || rule.expected !== 'rejected' || version === undefined) return undefined;
  const protocol = observation.tls?.protocol;
  if (protocol === undefined) return undefined;
  const cipher = observation.tls?.cipher === undefined ? '' : `, ${observation.tls.cipher}`;
  return {
    verdict: 'fail',
    reason: `expected the ${version} handshake refused, but it completed (${protocol}${cipher}); what followed does not undo it: ${describeObservation(observation)}`,
  };
}
