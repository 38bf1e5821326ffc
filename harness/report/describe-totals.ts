import type { RunResults } from './run-results.ts';

/**
 * One line of totals: `2 targets, 30 scenarios: 27 passed, 2 failed, 1 could not decide`, and the
 * targets that did not start or could not be reached. `failed` counts the endpoint's nonconformances
 * only; the undecided ones (also in `summary.fail`) are counted apart.
 */
export function describeTotals(results: RunResults): string {
  const { pass, fail, skip, notRun } = results.summary;
  // Absent in a results.json written before undecided verdicts were counted apart.
  const undecided = results.summary.undecided ?? 0;
  const counts = [`${pass} passed`, `${fail - undecided} failed`];
  if (undecided > 0) counts.push(`${undecided} could not decide`);
  if (skip > 0) counts.push(`${skip} skipped`);
  if (notRun > 0) counts.push(`${notRun} not run`);
  const failed = results.targets.filter((target) => target.error !== undefined);
  const unreachable = failed.filter((target) => target.provider === 'url').length;
  const unstarted = failed.length - unreachable;
  return [
    `${plural(results.targets.length, 'target')}, ${plural(pass + fail + skip + notRun, 'scenario')}: `,
    counts.join(', '),
    unstarted > 0 ? `; ${plural(unstarted, 'target')} did not start` : '',
    unreachable > 0 ? `; ${plural(unreachable, 'target')} unreachable` : '',
    results.interrupted ? ' (interrupted)' : '',
  ].join('');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
