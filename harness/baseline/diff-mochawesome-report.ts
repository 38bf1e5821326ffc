import { evidenceContext, type EvidenceContext } from '../report/evidence-contexts.ts';
import type { MochawesomeReport, MochawesomeSuite, MochawesomeTest } from '../report/mochawesome-report.ts';
import {
  baseTest,
  contextText,
  emptySuite,
  nameBasedUuid,
  packageVersion,
  percent,
} from '../report/mochawesome-parts.ts';
import { oneLine } from '../report/printable-text.ts';
import { diffCategories, diffCategoryMeanings } from './diff-category.ts';
import type { Difference, RunDiff, RunReference, ScenarioSnapshot } from './run-diff.ts';

/**
 * The mochawesome JSON of a diff, so that diff.html looks like the run's report.html: a suite per
 * category that has differences, a test per difference (failed when it fails the gate, pending when
 * it is only reported), and a passing `unchanged` suite. Deterministic: uuids derive from the content.
 */
export function toMochawesomeDiffReport(diff: RunDiff): MochawesomeReport {
  const root = emptySuite(uuidOf('root'), '', true);
  for (const category of diffCategories) {
    const differences = diff.differences.filter((difference) => difference.category === category);
    if (differences.length === 0) continue;
    const suite = emptySuite(
      uuidOf('suite', category),
      `${category}: ${diffCategoryMeanings[category]}`,
      false,
    );
    differences.forEach((difference, index) =>
      suite.tests.push(differenceTest(diff, difference, suite, index)),
    );
    root.suites.push(finish(suite));
  }
  const unchanged = emptySuite(uuidOf('suite', 'unchanged'), 'unchanged', false);
  unchanged.tests.push({
    ...baseTest(
      unchanged,
      `${diff.unchanged} scenario${diff.unchanged === 1 ? '' : 's'} in both runs with no difference`,
      uuidOf('unchanged'),
    ),
    state: 'passed',
    pass: true,
    speed: 'fast',
    context: contextText([runsContext(diff)]),
  });
  root.suites.push(finish(unchanged));
  const tests = root.suites.flatMap((suite) => suite.tests);
  const passes = tests.filter((test) => test.pass).length;
  const failures = tests.filter((test) => test.fail).length;
  const pending = tests.filter((test) => test.pending).length;
  return {
    stats: {
      suites: root.suites.length,
      tests: tests.length,
      passes,
      pending,
      failures,
      start: diff.current.startedAt,
      end: diff.current.finishedAt,
      duration: 0,
      testsRegistered: tests.length,
      passPercent: percent(passes, tests.length - pending),
      pendingPercent: percent(pending, tests.length),
      other: 0,
      hasOther: false,
      skipped: 0,
      hasSkipped: false,
    },
    results: [root],
    meta: {
      mocha: { version: packageVersion('mocha') },
      mochawesome: {
        options: { quiet: true, reportFilename: 'diff', saveHtml: false, saveJson: true, code: false },
        version: packageVersion('mochawesome'),
      },
      marge: {
        options: { inline: true, charts: false, code: false },
        version: packageVersion('mochawesome-report-generator'),
      },
    },
  };
}

function differenceTest(
  diff: RunDiff,
  difference: Difference,
  suite: MochawesomeSuite,
  index: number,
): MochawesomeTest {
  const what = difference.scenario
    ? `${difference.scenario.id}: ${difference.scenario.title}`
    : 'server certificate chain';
  const title = oneLine(`${difference.target} › ${what}`);
  const gate = `--fail-on ${diff.gate.failOn.join(',')}`;
  const contexts: EvidenceContext[] = [
    evidenceContext('Difference', [
      `${difference.category}: ${diffCategoryMeanings[difference.category]}`,
      ...(difference.step ? [`seen in step ${difference.step}`] : []),
      difference.summary,
    ]),
    evidenceContext('Gate', [difference.failsGate ? `fails the gate (${gate})` : `reported only (${gate})`]),
  ];
  if (difference.changes && difference.changes.length > 0) {
    contexts.push(
      evidenceContext(
        'What moved',
        difference.changes.map(
          (change) => `${change.field}: ${change.before ?? '(none)'} → ${change.after ?? '(none)'}`,
        ),
      ),
    );
  }
  if (difference.before || difference.after) {
    contexts.push(
      evidenceContext('Baseline', snapshotLines(difference.before)),
      evidenceContext('This run', snapshotLines(difference.after)),
    );
  }
  contexts.push(runsContext(diff));
  const test: MochawesomeTest = {
    ...baseTest(suite, title, uuidOf('difference', difference.category, String(index), title)),
    context: contextText(contexts),
  };
  return difference.failsGate
    ? {
        ...test,
        state: 'failed',
        fail: true,
        err: { message: oneLine(`${difference.category}: ${difference.summary}`) },
      }
    : { ...test, state: 'pending', pending: true };
}

function snapshotLines(snapshot: ScenarioSnapshot | undefined): string[] {
  if (!snapshot) return ['(not there)'];
  return [
    `verdict ${snapshot.verdict} (expected ${snapshot.expected})`,
    snapshot.outcome ? `${snapshot.outcome} at ${snapshot.stage ?? '?'}` : 'nothing observed',
    ...(snapshot.alert ? [`TLS alert ${snapshot.alert}`] : []),
    ...(snapshot.httpStatus !== undefined ? [`HTTP ${snapshot.httpStatus}`] : []),
    snapshot.reason,
  ];
}

function runsContext(diff: RunDiff): EvidenceContext {
  const describe = (run: RunReference) =>
    `${run.file ?? 'this run'}: ${run.startedAt} → ${run.finishedAt}, mtls-conformance ${run.toolVersion}${run.interrupted ? ' (interrupted)' : ''}`;
  return evidenceContext('Runs compared', [
    `baseline ${describe(diff.baseline)}`,
    `current  ${describe(diff.current)}`,
  ]);
}

function finish(suite: MochawesomeSuite): MochawesomeSuite {
  for (const test of suite.tests) {
    if (test.pass) suite.passes.push(test.uuid);
    if (test.fail) suite.failures.push(test.uuid);
    if (test.pending) suite.pending.push(test.uuid);
  }
  return suite;
}

// Prefixed so a diff's ids never collide with a run report's.
function uuidOf(...names: string[]): string {
  return nameBasedUuid('diff', ...names);
}
