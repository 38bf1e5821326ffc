import type { ExpectationRule } from '../scenarios/scenario.ts';

/** How a target's config adjusts one scenario, in any suite. */
export interface ScenarioAdjustment {
  /** Replaces the derived expectation; its reason is shown in the report. */
  override?: ExpectationRule;
}
