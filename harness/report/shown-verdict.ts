import type { ScenarioResult, Verdict } from './run-results.ts';

/**
 * How the reports show a scenario: its verdict, with `fail` split in two. `undecided` is a fail the
 * harness could not decide (results.json: `verdict: "fail", undecided: true`): it fails the run like any
 * unmet expectation, but must never read as the endpoint's nonconformance.
 */
export type ShownVerdict = Verdict | 'undecided';

export function shownVerdict(scenario: Pick<ScenarioResult, 'verdict' | 'undecided'>): ShownVerdict {
  return scenario.verdict === 'fail' && scenario.undecided === true ? 'undecided' : scenario.verdict;
}

/** The order and words of every legend: `✔ pass  ✘ fail  ? could not decide  – skipped  · not run`. */
export const shownVerdictLabels: Readonly<Record<ShownVerdict, string>> = {
  pass: 'pass',
  fail: 'fail',
  undecided: 'could not decide',
  skip: 'skipped',
  'not-run': 'not run',
};

/** The one-character mark of each, in terminal output and report.html. */
export const shownVerdictMarks: Readonly<Record<ShownVerdict, string>> = {
  pass: '✔',
  fail: '✘',
  undecided: '?',
  skip: '–',
  'not-run': '·',
};
