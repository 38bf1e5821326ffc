import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import addContext from 'mochawesome/addContext.js';
import { evidenceContexts } from '../harness/report/evidence-contexts.ts';
import {
  scenarioTestTitle,
  targetStartFailure,
  targetStartTestTitle,
  targetSuiteTitle,
} from '../harness/report/mocha-titles.ts';
import type { MochawesomeReport, MochawesomeSuite } from '../harness/report/mochawesome-report.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { toMochawesomeReport } from '../harness/report/to-mochawesome-report.ts';
import { runResults, sampleRunResults, targetResult } from './support/report-sample-results.ts';

/**
 * Runs `results` as the runner does (a describe per target, an it per scenario attaching the evidence
 * with addContext and asserting the verdict) through the real mochawesome reporter, and returns the
 * JSON it writes.
 */
async function mochawesomeReporterJson(results: RunResults): Promise<MochawesomeReport> {
  const dir = await mkdtemp(join(tmpdir(), 'report-mochawesome-'));
  try {
    const mocha = new Mocha({
      reporter: 'mochawesome',
      reporterOptions: {
        reportDir: dir,
        reportFilename: 'reporter',
        json: true,
        html: false,
        quiet: true,
        consoleReporter: 'none',
        code: false,
      },
      timeout: 0,
    });
    for (const target of results.targets) {
      const suite = Mocha.Suite.create(mocha.suite, targetSuiteTitle(target));
      if (target.error !== undefined) {
        const error = target.error;
        suite.addTest(
          new Mocha.Test(targetStartTestTitle, () => {
            throw new Error(targetStartFailure(error));
          }),
        );
      }
      for (const scenario of target.scenarios) {
        suite.addTest(
          new Mocha.Test(scenarioTestTitle(scenario), function (this: Mocha.Context) {
            for (const context of evidenceContexts(scenario, target)) addContext(this, context);
            if (scenario.verdict === 'skip') this.skip();
            if (scenario.verdict === 'fail') throw new Error(scenario.reason);
          }),
        );
      }
    }
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
    return JSON.parse(await readFile(join(dir, 'reporter.json'), 'utf8')) as MochawesomeReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What must agree between the reporter's JSON and the synthesised one: everything but ids and times. */
function comparable(report: MochawesomeReport) {
  const { start: _start, end: _end, duration: _duration, ...stats } = report.stats;
  const suite = ({
    uuid: _uuid,
    duration: _d,
    _timeout,
    passes,
    failures,
    pending,
    skipped,
    ...rest
  }: MochawesomeSuite): Record<string, unknown> => ({
    ...rest,
    counts: [passes.length, failures.length, pending.length, skipped.length],
    beforeHooks: rest.beforeHooks.length,
    afterHooks: rest.afterHooks.length,
    suites: rest.suites.map(suite),
    tests: rest.tests.map(({ uuid: _u, parentUUID: _p, duration: _t, speed: _s, err, ...test }) => ({
      ...test,
      failed: Boolean(err.message),
    })),
  });
  return { stats, keys: Object.keys(report).sort(), results: report.results.map(suite) };
}

describe('report: mochawesome JSON from results', () => {
  it('matches what the mochawesome reporter records for the same run (suites, tests, states, contexts, stats)', async () => {
    const down = {
      ...targetResult('down', 'https://127.0.0.1:1/', ['ca1']),
      scenarios: [],
      error: 'connect ECONNREFUSED',
    };
    const results = sampleRunResults();
    results.targets.push(down);
    const skipped = results.targets[0]!.scenarios[3]!;
    Object.assign(skipped, {
      verdict: 'skip',
      observed: null,
      reason: 'skipped: partner sends no rogue certificates',
    });

    const reporter = await mochawesomeReporterJson(results);
    const synthesised = toMochawesomeReport(results);

    expect(comparable(synthesised)).to.deep.equal(comparable(reporter));
    expect(Object.keys(synthesised.results[0]!.suites[0]!.tests[0]!).sort()).to.deep.equal(
      Object.keys(reporter.results[0]!.suites[0]!.tests[0]!).sort(),
    );
    expect(Object.keys(synthesised.results[0]!.suites[0]!).sort()).to.deep.equal(
      Object.keys(reporter.results[0]!.suites[0]!).sort(),
    );
    expect(Object.keys(synthesised.stats).sort()).to.deep.equal(Object.keys(reporter.stats).sort());
  });

  it('records the failure reason, an expected/actual diff, durations and the run times', () => {
    const report = toMochawesomeReport(sampleRunResults());
    const failing = report.results[0]!.suites[1]!.tests[2]!;

    expect(failing).to.include({ state: 'failed', fail: true, duration: 11, speed: null });
    expect(failing.err).to.deep.equal({
      message: 'expected rejected, observed accepted: HTTP 200',
      diff: '- accepted\n+ rejected\n',
    });
    expect(report.stats).to.include({
      start: '2026-03-02T10:00:00.000Z',
      end: '2026-03-02T10:00:01.250Z',
      duration: 1250,
      tests: 30,
      passes: 29,
      failures: 1,
    });
    const contexts = JSON.parse(failing.context!) as { title: string; value: string }[];
    expect(contexts.map((context) => context.title)).to.include.members([
      'Reproduce by hand',
      'Server response',
    ]);
  });

  it('shows scenarios that never ran as mochawesome "skipped" (registered, not run)', () => {
    const target = targetResult('partner', 'https://partner.example/', ['ca1']);
    for (const scenario of target.scenarios.slice(5)) {
      Object.assign(scenario, {
        verdict: 'not-run',
        observed: null,
        reason: 'not run: the run was interrupted',
      });
    }
    const report = toMochawesomeReport(runResults([target], true));

    expect(report.stats).to.include({
      testsRegistered: 15,
      tests: 5,
      passes: 5,
      skipped: 10,
      hasSkipped: true,
    });
    expect(report.results[0]!.suites[0]!.tests[5]).to.include({
      state: null,
      skipped: true,
      pass: false,
      fail: false,
    });
  });

  it('is deterministic: the same results give the same JSON', () => {
    expect(JSON.stringify(toMochawesomeReport(sampleRunResults()))).to.equal(
      JSON.stringify(toMochawesomeReport(sampleRunResults())),
    );
  });
});
