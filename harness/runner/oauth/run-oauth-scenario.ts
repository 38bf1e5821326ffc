import { isHarnessError } from '../../common/harness-error.ts';
import type { ExpectationRule } from '../../scenarios/scenario.ts';
import type { OAuthScenario } from '../../scenarios/oauth/oauth-scenario.ts';
import type { ScenarioResult } from '../../report/run-results.ts';
import {
  carryOutMetadata,
  carryOutResourceRequest,
  carryOutTokenBinding,
  carryOutTokenRequest,
  type CarriedOut,
} from './oauth-exchanges.ts';
import { fail, pass, undecided, type Judgement } from '../judgement.ts';
import type { OAuthSession } from './oauth-session.ts';

/**
 * Carries one oauth scenario out against its target's session and judges it into an ordinary
 * ScenarioResult, so it lands in the same reports as the server suite. Undefined when the run was
 * interrupted before it could start (reported as not run). Never rejects.
 */
export async function runOAuthScenario(
  scenario: OAuthScenario,
  session: OAuthSession,
  override?: ExpectationRule,
): Promise<ScenarioResult | undefined> {
  const started = performance.now();
  const natural = scenario.expect(session.context.declaration, session.context.fixtures);
  const rule = override ?? natural;
  let carried: CarriedOut | undefined;
  try {
    carried = await carryOut(scenario, session, natural.expected === 'rejected' ? 'rejected' : 'accepted');
  } catch (error) {
    const message = isHarnessError(error) || error instanceof Error ? error.message : String(error);
    carried = { observed: null, judgement: fail(`the scenario could not be carried out: ${message}`) };
  }
  if (carried === undefined) return undefined;
  const judgement = override ? judgeOverride(override, natural, carried) : carried.judgement;
  return {
    id: scenario.id,
    title: scenario.title,
    expected: rule.expected,
    expectationBasis: override ? `overridden by config: ${override.because}` : natural.because,
    observed: carried.observed,
    ...(carried.steps ? { steps: carried.steps } : {}),
    verdict: judgement.verdict,
    reason: judgement.reason,
    ...(judgement.verdict === 'fail' && judgement.undecided ? { undecided: true } : {}),
    ...(judgement.verdict === 'fail' && judgement.likelyCause ? { likelyCause: judgement.likelyCause } : {}),
    ...(judgement.verdict === 'fail' && carried.reproduce ? { reproduce: carried.reproduce } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

function carryOut(
  scenario: OAuthScenario,
  session: OAuthSession,
  expected: 'accepted' | 'rejected',
): Promise<CarriedOut | undefined> {
  switch (scenario.exchange) {
    case 'token-request':
      return carryOutTokenRequest(scenario, session, expected);
    case 'token-binding':
      return carryOutTokenBinding(session);
    case 'resource-request':
      return carryOutResourceRequest(scenario, session, expected);
    case 'metadata':
      return carryOutMetadata(session);
  }
}

/**
 * A config's `expect` for an oauth scenario: `informational` reports without judging; the scenario's
 * own expectation judges as usual; the opposite one is judged on what was observed, accepted or rejected.
 */
function judgeOverride(override: ExpectationRule, natural: ExpectationRule, carried: CarriedOut): Judgement {
  const own = carried.judgement;
  if (own.verdict === 'skip' || override.expected === natural.expected) return own;
  if (override.expected === 'informational') return pass(`reported only: ${own.reason}`);
  const observed = carried.observed;
  if (observed === null || observed.outcome === 'error') {
    return undecided(`expected ${override.expected}, but nothing decides it: ${own.reason}`);
  }
  return observed.outcome === override.expected
    ? pass(`${observed.outcome}: ${observed.reason}`)
    : fail(`expected ${override.expected}, observed ${observed.outcome}: ${observed.reason}`);
}
