import type { Scenario } from '../scenarios/scenario.ts';
import type { ScenarioResult } from '../report/run-results.ts';

/** The result of a scenario the target's config skips; the reason is shown in every report. */
export function skippedScenarioResult(
  scenario: Pick<Scenario, 'id' | 'title'>,
  reason: string,
): ScenarioResult {
  return {
    id: scenario.id,
    title: scenario.title,
    expected: 'informational',
    expectationBasis: 'skipped by config',
    observed: null,
    verdict: 'skip',
    reason: `skipped: ${reason}`,
    durationMs: 0,
  };
}
