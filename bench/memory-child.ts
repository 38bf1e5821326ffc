// Figure 4's memory breakdown, in a fresh process started with --expose-gc: what the run itself keeps
// (heap after a full GC once every scenario finished) apart from what writing the three reports adds
// (the process's peak, read by the caller). Prints {"heapAfterRunMb", "rssAfterRunMb"}.
//   node --expose-gc --import tsx bench/memory-child.ts FIXTURES PASSPHRASE LIST REPORT_DIR
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import { configFromTargetsFile } from '../harness/config/config-from-flags.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { writeRunReports } from '../harness/report/write-run-reports.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { suitePlanners } from '../suites/index.ts';

const [fixturesDir, passphrase, list, reportDir] = process.argv.slice(2) as [string, string, string, string];
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');
const fixtures = await openFixtureSet(fixturesDir);
const config = configFromTargetsFile({ targetsFile: list, trusts: 'ca1,ca2', serverCa: 'ca1' });
const results = await runConformance({
  fixtures,
  fixturePassphrase: passphrase,
  targets: config.targets.map((target) => toRunTargetSpec(target, fixtures)),
  planners: suitePlanners,
  concurrency: config.concurrency,
  timeouts: config.timeouts,
});
collect();
const heapAfterRunMb = process.memoryUsage().heapUsed / 2 ** 20;
const rssAfterRunMb = process.memoryUsage().rss / 2 ** 20;
await writeRunReports({ results, reportDir });
process.stdout.write(`${JSON.stringify({ heapAfterRunMb, rssAfterRunMb, fail: results.summary.fail })}\n`);
