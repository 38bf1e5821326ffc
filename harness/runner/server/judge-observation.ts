import type { Observation } from '../../probe/observation.ts';
import type { Expectation } from '../../report/run-results.ts';
import { undecided, type Judgement } from '../judgement.ts';
import { judgeAcceptedStatus } from './judge-accepted-status.ts';

import type { TargetDeclaration } from '../../scenarios/scenario.ts';

/**
 * Compares what a probe observed with what the scenario expected. An `error` observation never
 * passes: a target that cannot be reached has not shown that it refuses anyone. It fails undecided
 * (shown as `?`), as does a client that should be accepted and gets a 404 or 5xx: the harness could
 * not tell what the endpoint does, which is not the same as having seen it do wrong.
 */
export function judgeObservation(
  expected: Expectation,
  observation: Observation,
  rejectAt: TargetDeclaration['rejectAt'],
): Judgement {
  const seen = describeObservation(observation);
  if (expected === 'informational') return { verdict: 'pass', reason: `reported only: ${seen}` };
  if (observation.outcome === 'error') {
    return undecided(`expected ${expected}, but could not decide: ${seen}`);
  }
  if (expected === 'accepted') {
    return observation.outcome === 'accepted'
      ? (judgeAcceptedStatus(observation) ?? { verdict: 'pass', reason: `accepted: ${seen}` })
      : { verdict: 'fail', reason: `expected accepted, observed rejected: ${seen}` };
  }
  if (expected === 'rejected') {
    if (observation.outcome === 'accepted') {
      return { verdict: 'fail', reason: `expected rejected, observed accepted: ${seen}` };
    }
    if (rejectAt === 'handshake' && observation.stage === 'http') {
      return {
        verdict: 'fail',
        reason: `expected a refusal at the TLS handshake (rejectAt: handshake), observed it at HTTP: ${seen}`,
        likelyCause:
          'the endpoint refuses at HTTP after the handshake (nginx does with ssl_verify_client on); declare rejectAt: any, or make it refuse in TLS',
      };
    }
    return { verdict: 'pass', reason: `rejected at ${observation.stage}: ${seen}` };
  }
  return { verdict: 'fail', reason: `expected ${expected}, which a probe cannot show: ${seen}` };
}

/** One line of evidence: `HTTP 400 "No required SSL certificate was sent"`, `TLS alert 48 unknown_ca`. */
export function describeObservation(observation: Observation): string {
  if (observation.http) {
    const text = observation.reason ? ` (${observation.reason})` : '';
    return `HTTP ${observation.http.status}${text}`;
  }
  return observation.reason;
}
