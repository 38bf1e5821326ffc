import type { RunResults, ScenarioResult, TargetResult } from './run-results.ts';

/** The target a progress event is about. */
export type ReporterTarget = Pick<TargetResult, 'name' | 'url' | 'suite'>;

/**
 * Receives a run's progress, as Playwright's reporters do: every hook is optional, so a reporter
 * implements only what it shows. Hooks must not throw; with concurrent probes, scenarios of several
 * targets start and end interleaved.
 */
export interface RunReporter {
  /** Once, before the first probe, with how much is planned. */
  onRunStart?(run: { targets: number; scenarios: number }): void;
  onScenarioStart?(target: ReporterTarget, scenario: Pick<ScenarioResult, 'id' | 'title'>): void;
  onScenarioEnd?(target: ReporterTarget, result: ScenarioResult): void;
  /**
   * When the probes move to worker threads: at the start with `--workers N`, or once the main thread
   * is the limit with a core idle (`why` says which).
   */
  onWorkersStarted?(workers: { count: number; why: string }): void;
  /** Once, with the final results, interrupted runs included. */
  onRunEnd?(results: RunResults): void;
}

/** One reporter that passes every event on to each of `reporters`, in order. */
export function combineReporters(...reporters: RunReporter[]): RunReporter {
  return {
    onRunStart: (run) => reporters.forEach((reporter) => reporter.onRunStart?.(run)),
    onScenarioStart: (target, scenario) =>
      reporters.forEach((reporter) => reporter.onScenarioStart?.(target, scenario)),
    onScenarioEnd: (target, result) =>
      reporters.forEach((reporter) => reporter.onScenarioEnd?.(target, result)),
    onWorkersStarted: (workers) => reporters.forEach((reporter) => reporter.onWorkersStarted?.(workers)),
    onRunEnd: (results) => reporters.forEach((reporter) => reporter.onRunEnd?.(results)),
  };
}
