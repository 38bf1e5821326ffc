import { evidenceContexts } from './evidence-contexts.ts';
import { evidenceText } from './evidence-text.ts';
import { scenarioTestTitle, targetErrorMessage, targetErrorTestTitle } from './mocha-titles.ts';
import { oneLine } from './printable-text.ts';
import type { RunResults, ScenarioResult, TargetResult } from './run-results.ts';
import { xmlAttribute, xmlText } from './xml-escape.ts';

/**
 * JUnit XML of a run, in the shape GitLab, Jenkins and GitHub's JUnit actions read: a <testsuite> per
 * target, a <testcase> per scenario (classname = target, name = `id: title`). A fail is a
 * <failure type="nonconformance"> whose text is the evidence; a fail the harness could not decide is an
 * <error type="undecided">, JUnit's "the test could not be carried out", so CI shows it apart from the
 * endpoint's nonconformances; skip and not-run are <skipped>; passes and skips carry their evidence in
 * <system-out>. A target that could not be started or reached is one <error> test case, so a CI gate
 * can read it neither as "no tests, no failures" nor as a failure per scenario.
 */
export function renderJunitXml(results: RunResults): string {
  return [...junitXmlChunks(results)].join('');
}

/**
 * The same document in pieces, a <testsuite> at a time (issue 21): written as they come, a run of a
 * thousand targets never holds its whole junit.xml in memory. The totals of <testsuites> come first in
 * the file, so they are counted in a first pass that renders nothing.
 */
export function* junitXmlChunks(results: RunResults): Generator<string> {
  const totals = results.targets.map(suiteCounts).reduce(
    (sum, counts) => ({
      tests: sum.tests + counts.tests,
      failures: sum.failures + counts.failures,
      errors: sum.errors + counts.errors,
      skipped: sum.skipped + counts.skipped,
      time: sum.time + counts.time,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 },
  );
  const name = `${results.tool.name} ${results.tool.version}${results.interrupted ? ' (interrupted)' : ''}`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({ name, tests: totals.tests, failures: totals.failures, errors: totals.errors, skipped: totals.skipped, time: seconds(totals.time), timestamp: results.startedAt })}>\n`;
  for (const target of results.targets) yield `${renderTestsuite(target, results.startedAt)}\n`;
  yield '</testsuites>\n';
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function suiteCounts(target: TargetResult): SuiteCounts {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  if (target.error !== undefined) {
    counts.tests += 1;
    counts.errors += 1;
  }
  for (const scenario of target.scenarios) {
    counts.tests += 1;
    counts.time += scenario.durationMs;
    if (scenario.verdict === 'fail' && scenario.undecided) counts.errors += 1;
    else if (scenario.verdict === 'fail') counts.failures += 1;
    if (scenario.verdict === 'skip' || scenario.verdict === 'not-run') counts.skipped += 1;
  }
  return counts;
}

function renderTestsuite(target: TargetResult, timestamp: string): string {
  const cases: string[] = [];
  const counts = suiteCounts(target);
  if (target.error !== undefined) {
    const message = targetErrorMessage({ ...target, error: target.error });
    cases.push(
      `    <testcase${attributes({ classname: target.name, name: targetErrorTestTitle(target), time: seconds(target.startMs ?? 0) })}>`,
      `      <error${attributes({ message, type: 'target-error' })}>${xmlText(target.error)}</error>`,
      '    </testcase>',
    );
  }
  for (const scenario of target.scenarios) cases.push(renderTestcase(scenario, target));
  const properties = [
    ['suite', target.suite],
    ['url', target.url],
    ['trusts', target.trusts.join(',')],
    ...(target.provider !== undefined ? [['provider', target.provider]] : []),
    ...(target.serverCa !== undefined ? [['serverCa', target.serverCa]] : []),
    ...(target.error !== undefined ? [['error', target.error]] : []),
    ...(target.startMs !== undefined ? [['startMs', String(target.startMs)]] : []),
  ].map(([name, value]) => `      <property${attributes({ name: name ?? '', value: value ?? '' })}/>`);
  return [
    `  <testsuite${attributes({ name: target.name, tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: counts.skipped, time: seconds(counts.time), timestamp })}>`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function renderTestcase(scenario: ScenarioResult, target: TargetResult): string {
  const evidence = xmlText(evidenceText(evidenceContexts(scenario, target)));
  const open = `    <testcase${attributes({ classname: target.name, name: scenarioTestTitle(scenario), time: seconds(scenario.durationMs) })}>`;
  const reason = oneLine(scenario.reason);
  switch (scenario.verdict) {
    case 'fail': {
      const element = scenario.undecided ? 'error' : 'failure';
      const type = scenario.undecided ? 'undecided' : 'nonconformance';
      return [
        open,
        `      <${element}${attributes({ message: reason, type })}>${evidence}</${element}>`,
        '    </testcase>',
      ].join('\n');
    }
    case 'skip':
    case 'not-run':
      return [
        open,
        `      <skipped${attributes({ message: reason })}/>`,
        `      <system-out>${evidence}</system-out>`,
        '    </testcase>',
      ].join('\n');
    case 'pass':
      return [open, `      <system-out>${evidence}</system-out>`, '    </testcase>'].join('\n');
  }
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}
