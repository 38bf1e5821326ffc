import type { ScenarioResult } from '../report/run-results.ts';
import type { ScenarioAdjustment } from './scenario-adjustment.ts';
import { skippedScenarioResult } from './skipped-scenario-result.ts';
import type { PlannedScenario } from './planned-run.ts';
import type { ScenarioSelection } from './suite-planner.ts';

/** What a planner needs of a scenario: its id and title. */
export interface SelectableScenario {
  id: string;
  title: string;
}

/**
 * The selection rules every suite applies the same way: `only` keeps catalogue order, `skip` and
 * `skipReason` give a skipped result with its reason, `expect` replaces the derived expectation.
 * `schedule` starts the rest (on the run's pool) and returns its pending result.
 */
export function planSelectedScenarios<S extends SelectableScenario>(
  scenarios: readonly S[],
  selection: ScenarioSelection,
  schedule: (scenario: S, adjustment: ScenarioAdjustment) => Promise<ScenarioResult | undefined>,
  skipReason: (scenario: S) => string | undefined = () => undefined,
): PlannedScenario[] {
  return scenarios
    .filter((scenario) => !selection.only || selection.only.includes(scenario.id))
    .map((scenario) => {
      const planned = { id: scenario.id, title: scenario.title };
      const reason = selection.skip?.[scenario.id] ?? skipReason(scenario);
      if (reason !== undefined) {
        return { ...planned, result: Promise.resolve(skippedScenarioResult(scenario, reason)) };
      }
      const override = selection.expect?.[scenario.id];
      return { ...planned, result: schedule(scenario, override ? { override } : {}) };
    });
}
