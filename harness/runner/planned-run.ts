import type { ScenarioResult, Suite } from '../report/run-results.ts';

/** A scenario whose execution has been scheduled; `result` is undefined when it was never started. */
export interface PlannedScenario {
  id: string;
  title: string;
  result: Promise<ScenarioResult | undefined>;
}

/** A target with its scheduled scenarios, in catalogue order. */
export interface PlannedTarget {
  name: string;
  url: string;
  suite: Suite;
  trusts: string[];
  startMs?: number;
  /** Set when the target could not be started: its scenarios are then reported as failed. */
  error?: string;
  scenarios: PlannedScenario[];
}
