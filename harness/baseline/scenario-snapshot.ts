import type { Observation } from '../probe/observation.ts';
import type { ScenarioResult } from '../report/run-results.ts';
import type { ScenarioSnapshot } from './run-diff.ts';

/** A scenario reduced to what a diff compares and shows. */
export function scenarioSnapshot(scenario: ScenarioResult): ScenarioSnapshot {
  const observed = scenario.observed;
  if (!observed) return { expected: scenario.expected, verdict: scenario.verdict, reason: scenario.reason };
  return {
    expected: scenario.expected,
    verdict: scenario.verdict,
    outcome: observed.outcome,
    stage: observed.stage,
    ...(observed.alert ? { alert: `${observed.alert.code} ${observed.alert.name}` } : {}),
    ...(observed.http ? { httpStatus: observed.http.status } : {}),
    reason: observed.reason,
  };
}

export function describeAlert(observation: Observation): string | null {
  return observation.alert ? `${observation.alert.code} ${observation.alert.name}` : null;
}

/** `accepted at http: server answered HTTP 200 OK`. */
export function describeObservation(observation: Observation): string {
  return `${observation.outcome} at ${observation.stage}: ${observation.reason}`;
}
