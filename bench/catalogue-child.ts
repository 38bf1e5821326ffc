// Figure 2's "catalogue alone": in a fresh process (cold caches, as a CLI run has), load everything
// first, then time runConformance() of a config's targets, and print {"ms": ...}. No reports written.
//   node --import tsx bench/catalogue-child.ts CONFIG PASSPHRASE
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import { loadConfig } from '../harness/config/load-config.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { suitePlanners } from '../suites/index.ts';

const [configFile, passphrase] = process.argv.slice(2);
const config = await loadConfig(configFile!);
const fixtures = await openFixtureSet(config.fixtures);
const started = performance.now();
const results = await runConformance({
  fixtures,
  fixturePassphrase: passphrase!,
  targets: config.targets.map((target) => toRunTargetSpec(target, fixtures)),
  planners: suitePlanners,
  concurrency: config.concurrency,
  timeouts: config.timeouts,
});
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, fail: results.summary.fail })}\n`);
