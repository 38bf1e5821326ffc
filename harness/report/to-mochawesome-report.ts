import { evidenceContexts } from './evidence-contexts.ts';
import {
  scenarioTestTitle,
  targetStartFailure,
  targetStartTestTitle,
  targetSuiteTitle,
} from './mocha-titles.ts';
import type { MochawesomeReport, MochawesomeSuite, MochawesomeTest } from './mochawesome-report.ts';
import {
  baseTest,
  contextText,
  emptySuite,
  nameBasedUuid as uuidOf,
  packageVersion,
  percent,
} from './mochawesome-parts.ts';
import { oneLine } from './printable-text.ts';
import type { RunResults, ScenarioResult, TargetResult } from './run-results.ts';

// Mocha's default `slow` threshold, which sets a passing test's speed colour in the report.
const slowMs = 75;

/**
 * The mochawesome JSON of a run, built from its results alone: the same suites, tests, states, stats
 * and contexts the mochawesome reporter records when the runner's Mocha run attaches evidenceContexts.
 * Deterministic (uuids derive from target and scenario ids), so the same results give the same report,
 * whether they come from a run, a merge of shards or a saved results.json.
 *
 * Verdicts map to mochawesome's states as a Mocha run would produce them: pass → passed, fail →
 * failed, skip → pending (`this.skip()`), not-run → skipped (registered, never ran). A target that
 * could not be started becomes one failed test, `the target starts`.
 */
export function toMochawesomeReport(results: RunResults): MochawesomeReport {
  const root = emptySuite(uuidOf('root'), '', true);
  results.targets.forEach((target, index) => {
    const suite = targetSuite(target, index);
    if (suite.tests.length > 0) root.suites.push(suite);
  });
  const tests = root.suites.flatMap((suite) => suite.tests);
  const count = (predicate: (test: MochawesomeTest) => boolean): number => tests.filter(predicate).length;
  const passes = count((test) => test.pass);
  const failures = count((test) => test.fail);
  const pending = count((test) => test.pending);
  const skipped = count((test) => test.skipped);
  const registered = tests.length;
  const start = results.startedAt;
  const end = results.finishedAt;
  return {
    stats: {
      suites: root.suites.length,
      tests: passes + failures + pending,
      passes,
      pending,
      failures,
      start,
      end,
      duration: Math.max(0, Date.parse(end) - Date.parse(start)) || 0,
      testsRegistered: registered,
      passPercent: percent(passes, registered - pending),
      pendingPercent: percent(pending, registered),
      other: 0,
      hasOther: false,
      skipped,
      hasSkipped: skipped > 0,
    },
    results: [root],
    meta: {
      mocha: { version: packageVersion('mocha') },
      mochawesome: {
        options: { quiet: true, reportFilename: 'report', saveHtml: false, saveJson: true, code: false },
        version: packageVersion('mochawesome'),
      },
      marge: {
        options: { inline: true, charts: false, code: false },
        version: packageVersion('mochawesome-report-generator'),
      },
    },
  };
}

function targetSuite(target: TargetResult, index: number): MochawesomeSuite {
  const suite = emptySuite(uuidOf('target', String(index), target.name), targetSuiteTitle(target), false);
  if (target.error !== undefined) {
    suite.tests.push({
      ...baseTest(suite, targetStartTestTitle, uuidOf('target', String(index), target.name, 'start')),
      state: 'failed',
      fail: true,
      err: { message: targetStartFailure(target.error) },
    });
  }
  for (const scenario of target.scenarios) {
    suite.tests.push(
      scenarioTest(scenario, target, suite, uuidOf('target', String(index), target.name, scenario.id)),
    );
  }
  for (const test of suite.tests) {
    suite.duration += test.duration;
    if (test.pass) suite.passes.push(test.uuid);
    if (test.fail) suite.failures.push(test.uuid);
    if (test.pending) suite.pending.push(test.uuid);
    if (test.skipped) suite.skipped.push(test.uuid);
  }
  return suite;
}

function scenarioTest(
  scenario: ScenarioResult,
  target: TargetResult,
  suite: MochawesomeSuite,
  uuid: string,
): MochawesomeTest {
  const test: MochawesomeTest = {
    ...baseTest(suite, scenarioTestTitle(scenario), uuid),
    duration: scenario.durationMs,
    context: contextText(evidenceContexts(scenario, target)),
  };
  switch (scenario.verdict) {
    case 'pass':
      return { ...test, state: 'passed', pass: true, speed: speedOf(scenario.durationMs) };
    case 'fail':
      return { ...test, state: 'failed', fail: true, err: failure(scenario) };
    case 'skip':
      return { ...test, state: 'pending', pending: true };
    case 'not-run':
      return { ...test, skipped: true };
  }
}

function failure(scenario: ScenarioResult): MochawesomeTest['err'] {
  const message = oneLine(scenario.reason);
  const observed = scenario.observed?.outcome;
  const judged = scenario.expected === 'accepted' || scenario.expected === 'rejected';
  // mochawesome's unified diff: `-` lines are what was seen, `+` lines what was expected.
  return judged && observed && observed !== scenario.expected
    ? { message, diff: `- ${observed}\n+ ${scenario.expected}\n` }
    : { message };
}

function speedOf(durationMs: number): MochawesomeTest['speed'] {
  return durationMs > slowMs ? 'slow' : durationMs > slowMs / 2 ? 'medium' : 'fast';
}
