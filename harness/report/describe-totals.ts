import type { RunResults } from './run-results.ts';

/** One line of totals: `2 targets, 30 scenarios: 29 passed, 1 failed`, and what did not start or run. */
export function describeTotals(results: RunResults): string {
  const { pass, fail, skip, notRun } = results.summary;
  const counts = [`${pass} passed`, `${fail} failed`];
  if (skip > 0) counts.push(`${skip} skipped`);
  if (notRun > 0) counts.push(`${notRun} not run`);
  const unstarted = results.targets.filter((target) => target.error !== undefined).length;
  return [
    `${plural(results.targets.length, 'target')}, ${plural(pass + fail + skip + notRun, 'scenario')}: `,
    counts.join(', '),
    unstarted > 0 ? `; ${plural(unstarted, 'target')} did not start` : '',
    results.interrupted ? ' (interrupted)' : '',
  ].join('');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
