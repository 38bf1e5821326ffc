import type { ScenarioResult, Suite, TargetResult } from '../report/run-results.ts';

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
  provider?: NonNullable<TargetResult['provider']>;
  serverCa?: string;
  startMs?: number;
  /** Set when the target could not be started or reached: it is reported once, with no scenarios. */
  error?: string;
  scenarios: PlannedScenario[];
}
