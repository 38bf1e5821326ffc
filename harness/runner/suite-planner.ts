import type { ExpectationRule } from '../scenarios/scenario.ts';
import type { BoundedPool } from './bounded-pool.ts';
import type { PlannedScenario } from './planned-run.ts';
import type { TargetContext } from './target-context.ts';

/** Which scenarios of its suite a target runs, and how its config adjusts them. */
export interface ScenarioSelection {
  /** Run only these ids (catalogue order is kept). */
  only?: readonly string[];
  /** Skip these ids; the reason appears in the report. */
  skip?: Readonly<Record<string, string>>;
  /** Replace the derived expectation of these ids. */
  expect?: Readonly<Record<string, ExpectationRule>>;
}

/**
 * A suite turns one started target into scheduled scenarios. Suites live in suites/ and are handed
 * to the runner, which knows nothing of any particular catalogue.
 */
export type SuitePlanner = (
  context: TargetContext,
  selection: ScenarioSelection,
  pool: BoundedPool,
) => PlannedScenario[];
