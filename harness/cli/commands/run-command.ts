import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { applyExpiryWatch } from '../../baseline/apply-expiry-watch.ts';
import { certificateExpiryScenarioId } from '../../baseline/certificate-expiry-check.ts';
import { compareRuns } from '../../baseline/compare-runs.ts';
import { defaultFailOn, diffCategories } from '../../baseline/diff-category.ts';
import { parseFailOn } from '../../baseline/parse-fail-on.ts';
import { readResultsFile } from '../../baseline/read-results-file.ts';
import { renderDiffTable } from '../../baseline/render-diff-table.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { maxProbeWorkers } from '../../probe/probe-worker-pool.ts';
import { buildConfig, type BuildConfigOptions } from '../../config/build-config.ts';
import { checkSharedNameAddresses } from '../../config/check-shared-name-addresses.ts';
import { configFromFlags, configFromTargetsFile } from '../../config/config-from-flags.ts';
import {
  defaultConfigLimits,
  parseByteSize,
  parseMaxTargets,
  type ConfigLimits,
} from '../../config/config-limits.ts';
import type { HarnessConfig } from '../../config/config-types.ts';
import { parseShard, selectShard } from '../../config/shard.ts';
import { loadConfig } from '../../config/load-config.ts';
import { lockReportFolder } from '../../report/report-folder-lock.ts';
import { TerminalProgressReporter } from '../../report/terminal-progress-reporter.ts';
import { FinishedScenariosJournal } from '../../report/finished-scenarios-journal.ts';
import { combineReporters } from '../../report/run-reporter.ts';
import { keepLargeRunHeapSmall } from '../large-run-memory.ts';
import { renderTerminalSummary } from '../../report/terminal-summary.ts';
import { createIdentityLoader } from '../../runner/identity-loader.ts';
import { runConformance } from '../../runner/run-conformance.ts';
import { openSessionJournal, writeSessionJournal } from '../../runner/session-journal-file.ts';
import { resumedAfterTrustChange } from '../../scenarios/edge/resumed-after-trust-change.ts';
import { suitePlanners } from '../../../suites/index.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { defaultRunConfig } from '../default-run-config.ts';
import { ensureRunFixtures } from '../ensure-run-fixtures.ts';
import { ConfigError } from '../../config/config-problem.ts';
import { revocationFixtureProblems } from '../../config/check-revocation-fixtures.ts';
import { requireExistingFixtures } from '../require-existing-fixtures.ts';
import { expectedFixtureCaNames } from '../expected-fixture-ca-names.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';
import { toRunTargetSpec } from '../run-target-spec.ts';
import { withInterruptSignal } from '../with-interrupt-signal.ts';
import { writeReportsOrKeepResults } from '../write-reports-or-keep-results.ts';

export interface RunCommandOptions {
  config?: string;
  target?: string;
  name?: string;
  trusts?: string;
  serverCa?: string;
  servername?: string;
  rejectAt?: string;
  fixtures?: string;
  fixturesPassphraseEnv?: string;
  reportDir?: string;
  /** Raw, validated by parseConcurrency: yargs would turn `--concurrency x` into NaN. */
  concurrency?: string;
  /** Raw, validated by parseWorkers. */
  workers?: string;
  targetsFile?: string;
  shard?: string;
  baseline?: string;
  failOn?: string;
  warnExpiryDays?: string;
  maxTargets?: string;
  maxConfigSize?: string;
  json: boolean;
}

/** The config file `run` picks up from the working folder when given neither --config nor --target. */
export const conventionalConfigFile = 'mtls-conformance.yaml';

export const runCommand = defineCommand<RunCommandOptions>({
  ...commandSummaries.run,
  builder: (yargs) =>
    yargs
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: `Config file (default: ./${conventionalConfigFile} if present, else the built-in demo targets)`,
      })
      .option('target', {
        type: 'string',
        describe: 'One endpoint to check, instead of a config: https://host:port/path or tls://host:port',
      })
      .option('name', {
        type: 'string',
        describe: 'Name of the --target in reports (default: its host:port)',
      })
      .option('trusts', {
        type: 'string',
        describe: 'Fixture CAs the --target is meant to accept, comma-separated (e.g. ca1,ca2)',
      })
      .option('server-ca', {
        type: 'string',
        describe: 'Fixture name or PEM file that must validate the --target server',
      })
      .option('servername', {
        type: 'string',
        describe: 'Host name (SNI) to present and verify for the --target',
      })
      .option('reject-at', {
        type: 'string',
        choices: ['any', 'handshake'],
        describe: 'Where the --target must refuse clients',
      })
      .option('targets-file', {
        type: 'string',
        describe:
          'A file of endpoints, one URL (or NAME URL) a line, all with the declaration of --trusts, --server-ca and --reject-at',
      })
      .conflicts('config', [
        'target',
        'targets-file',
        'trusts',
        'server-ca',
        'servername',
        'reject-at',
        'name',
      ])
      .conflicts('target', 'targets-file')
      .conflicts('targets-file', ['name', 'servername'])
      .check((argv) => {
        if (argv.trusts !== undefined && argv.target === undefined && argv['targets-file'] === undefined) {
          throw new HarnessError(
            '--trusts declares what --target or --targets-file trusts; give one of them, e.g. run --target https://127.0.0.1:8443/ --trusts ca1.',
          );
        }
        return true;
      })
      .option('fixtures', {
        type: 'string',
        describe: 'Fixture folder (overrides the config; generated if missing)',
      })
      .option('fixtures-passphrase-env', {
        type: 'string',
        describe:
          "Variable holding the fixture keystores' passphrase (default: the config's fixtures.passphraseEnv, else the set's passphrase.txt)",
      })
      .option('report-dir', {
        type: 'string',
        describe: 'Where report.html, junit.xml and results.json go (default: reports)',
      })
      .option('concurrency', {
        type: 'string',
        describe: "Probes in flight at once, across all targets: 1 to 256 (default: the config's, else 8)",
      })
      .option('workers', {
        type: 'string',
        describe: `Worker threads that carry the probes out, so TLS work uses every core: 0 (all in the main thread) to ${maxProbeWorkers}. Default: up to the machine's cores (here ${availableParallelism()}), started once the main thread is the limit with a core idle`,
      })
      .option('shard', {
        type: 'string',
        describe:
          "Run only shard INDEX/TOTAL of the targets (every TOTAL-th target from INDEX, in config order), for a CI job matrix; 'report merge' joins the shards' reports",
      })
      .option('baseline', {
        type: 'string',
        describe:
          'results.json of an earlier run: compare, write diff.html and diff.json, and exit 1 only on a --fail-on difference',
      })
      .option('fail-on', {
        type: 'string',
        describe: `With --baseline: difference categories that fail the run, comma-separated (default: ${defaultFailOn.join(',')}). Allowed: ${diffCategories.join(', ')}`,
      })
      .option('warn-expiry-days', {
        type: 'string',
        describe: `Fail the ${certificateExpiryScenarioId} check of each target when a server or trusted client certificate expires within this many days`,
      })
      .option('max-targets', {
        type: 'string',
        describe: `The most targets one run takes, a config's and its targets files' together; with --shard i/n, per shard (default: ${defaultConfigLimits.maxTargets})`,
      })
      .option('max-config-size', {
        type: 'string',
        describe: `The largest config file or targets file read, in bytes or with K or M (default: ${defaultConfigLimits.maxConfigBytes / (1024 * 1024)}M)`,
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print results.json to stdout' })
      .example('$0 run', 'the whole catalogue against two built-in mock targets (the demo)')
      .example('$0 run --config mtls-conformance.yaml', 'the targets of a config file')
      .example(
        '$0 run --targets-file partners.txt --trusts ca1 --server-ca ca1 --concurrency 16',
        'every endpoint of a list, with one shared declaration',
      )
      .example(
        '$0 run --config mtls-conformance.yaml --shard 2/4 --report-dir reports/shard-2',
        'the second quarter of the targets, as one job of a CI matrix (then: report merge reports/shard-*)',
      )
      .example(
        '$0 run --target https://127.0.0.1:8443/healthcheck --trusts ca1 --server-ca ca1',
        'one endpoint',
      )
      .example(
        '$0 run --config mtls-conformance.yaml --baseline baseline/results.json',
        'the regression gate: exit 1 only when a client is newly accepted or newly rejected',
      )
      .example(
        '$0 run --warn-expiry-days 30',
        'also fail when a certificate expires within 30 days',
      ) as never,
  run: (options) => withInterruptSignal((signal) => runConformanceCommand(options, signal)),
});

async function runConformanceCommand(
  options: RunCommandOptions,
  signal: AbortSignal,
): Promise<ExitCodeValue> {
  const stderr = process.stderr;
  // Validate everything we can before touching the network or writing fixtures.
  const concurrency = parseConcurrency(options.concurrency);
  const workers = parseWorkers(options.workers);
  // Without --workers, workers start only where they help: endpoints on this machine take its other cores.
  const workersOnSpareCore = options.workers === undefined;
  const shardSpec = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const limits: Partial<ConfigLimits> = {
    ...(options.maxTargets !== undefined ? { maxTargets: parseMaxTargets(options.maxTargets) } : {}),
    ...(options.maxConfigSize !== undefined ? { maxConfigBytes: parseByteSize(options.maxConfigSize) } : {}),
    ...(shardSpec ? { shards: shardSpec.total } : {}),
  };
  // The set may not exist yet: check trusts and serverCa against the names it will have, in the same
  // pass as every other problem, before any fixture is written.
  const draft = await resolveConfig(
    options,
    (configFixtures) =>
      expectedFixtureCaNames(options.fixtures !== undefined ? resolve(options.fixtures) : configFixtures),
    limits,
  );
  if (options.failOn !== undefined && options.baseline === undefined) {
    throw new HarnessError(
      'Cannot use --fail-on without --baseline: it chooses which differences from a baseline fail the run. Add --baseline with the results.json of an earlier run.',
    );
  }
  const failOn = options.failOn !== undefined ? parseFailOn(options.failOn) : defaultFailOn;
  const warnDays = checkWarnExpiryDays(options.warnExpiryDays);
  const baselineFile = options.baseline !== undefined ? resolve(options.baseline) : undefined;
  // Read now, before the run can replace it: --baseline reports/results.json is a usual choice.
  const baseline =
    baselineFile !== undefined ? await readResultsFile(baselineFile, 'the --baseline file') : undefined;
  const fixturesDir = options.fixtures !== undefined ? resolve(options.fixtures) : draft.config.fixtures;
  await requireExistingFixtures(
    fixturesDir,
    draft.config,
    shardSpec ? selectShard(draft.config.targets, shardSpec) : draft.config.targets,
    options.fixtures !== undefined,
  );
  // Before any fixture is made or probe sent: a folder that cannot take the reports, or that another run
  // is writing into, is refused now rather than after all the probing. Released when the command ends.
  const reportDir = options.reportDir !== undefined ? resolve(options.reportDir) : draft.config.reportDir;
  await using lock = await lockReportFolder(reportDir);
  if (lock.replacedStale) {
    stderr.write(
      `mtls-conformance: removed the lock of a run that no longer runs (pid ${lock.replacedStale.pid}, started ${lock.replacedStale.startedAt}) from ${reportDir}.\n`,
    );
  }
  // Each flag overrides its own field of the config's `fixtures:`.
  const passphraseEnv =
    options.fixturesPassphraseEnv !== undefined
      ? {
          name: options.fixturesPassphraseEnv,
          namedBy: `--fixtures-passphrase-env ${options.fixturesPassphraseEnv}`,
        }
      : draft.config.fixturesPassphraseEnv !== undefined
        ? {
            name: draft.config.fixturesPassphraseEnv,
            namedBy: `fixtures.passphraseEnv ${draft.config.fixturesPassphraseEnv} (${draft.label})`,
          }
        : undefined;
  const prepared = await ensureRunFixtures(fixturesDir, passphraseEnv, {
    requireKeystorePassphrase: true,
  });
  if (prepared.report) {
    stderr.write(
      `Generated the fixture set in ${prepared.report.dir} (${Math.round(prepared.report.durationMs)} ms).\n`,
    );
  }
  const caNames = prepared.fixtures.manifest.identities
    .filter((identity) => identity.role.endsWith('ca'))
    .map((identity) => identity.name);
  const { config, label } = await resolveConfig(options, caNames, limits);
  await checkSharedNameAddresses(config);
  const revocationProblems = revocationFixtureProblems(config.targets, prepared.fixtures);
  if (revocationProblems.length > 0) throw new ConfigError(config.source, revocationProblems);
  const selected = shardSpec ? selectShard(config.targets, shardSpec) : config.targets;
  const shard = shardSpec ? { ...shardSpec, allTargets: config.targets.length } : undefined;
  const targets = selected.map((target) => toRunTargetSpec(target, prepared.fixtures));
  keepLargeRunHeapSmall(targets.length);
  // A bring-your-own identity that cannot be loaded stops the run before any target starts. One loader
  // for the check and the run: an identity many targets share (a targets file) is opened once.
  const identityLoader = createIdentityLoader();
  const identities = await Promise.all(
    new Set(targets.flatMap((target) => (target.identity ? [identityLoader(target.identity)] : []))),
  );
  for (const warning of identities.flatMap((identity) => identity.warnings)) {
    stderr.write(`mtls-conformance: ${warning}\n`);
  }
  stderr.write(
    shard
      ? `Running ${label}, shard ${shard.index}/${shard.total}: ${selected.length} of ${shard.allTargets} target(s).\n`
      : `Running ${label}: ${config.targets.length} target(s).\n`,
  );

  // Read before the run, which may replace it (--baseline reports/results.json with the same folder).
  const sessionJournal = await openSessionJournal({ baselineFile, reportDir });
  const progress = new TerminalProgressReporter(stderr, { color: stderr.isTTY === true });
  // Each scenario reaches the disk as it finishes: a run killed before its reports leaves what it had.
  const journal = new FinishedScenariosJournal(reportDir);
  const ran = await runConformance({
    fixtures: prepared.fixtures,
    fixturePassphrase: prepared.passphrase,
    targets,
    planners: suitePlanners,
    concurrency: concurrency ?? config.concurrency,
    workers,
    workersOnSpareCore,
    timeouts: config.timeouts,
    signal,
    reporter: combineReporters(progress, journal),
    identityLoader,
    sessionJournal,
  });
  if (shard) ran.shard = shard;
  const results = applyExpiryWatch(ran, warnDays !== undefined ? { warnDays } : {});
  // The summary is the run's result: on stdout, so `run > log.txt` keeps it, while the progress above
  // stays on stderr. With --json, stdout carries results.json alone and the summary goes to stderr.
  const out = options.json ? stderr : process.stdout;
  const summary = renderTerminalSummary(results, { color: out.isTTY === true, width: out.columns ?? 100 });
  const files = await writeReportsOrKeepResults(results, reportDir, () => {
    out.write(summary);
    if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  });
  journal.remove();
  const sessionsFile = await writeSessionJournal(sessionJournal);
  out.write(summary);
  const compared = baseline
    ? await compareRuns({
        baseline,
        current: results,
        failOn,
        reportDir,
        files: { baseline: baselineFile!, current: files.json },
      })
    : undefined;
  if (compared) out.write(`\n${renderDiffTable(compared.diff, { color: out.isTTY === true })}\n`);
  const paths = [
    files.html,
    files.junit,
    files.json,
    ...(compared ? [compared.files.html, compared.files.json] : []),
  ];
  out.write(`Reports:
${paths
  .map(
    (path) => `  ${path}
`,
  )
  .join('')}`);
  if (sessionsFile !== undefined) {
    out.write(
      `TLS sessions for the next run with --baseline (resumption secrets: keep private, do not publish):
  ${sessionsFile}
`,
    );
  }
  if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (results.interrupted) return ExitCode.interrupted;
  // The expiry check counts with a baseline too: a diff cannot see a certificate running out.
  const expiring = results.targets.some((target) =>
    target.scenarios.some(
      (scenario) => scenario.id === certificateExpiryScenarioId && scenario.verdict === 'fail',
    ),
  );
  // The same for a session that outlived a trust change: the scenario compares the two runs itself,
  // and a diff of this run's observations with the baseline's has no pair to see it in.
  const sessionsOutlived = results.targets.some((target) =>
    target.scenarios.some(
      (scenario) => scenario.id === resumedAfterTrustChange.id && scenario.verdict === 'fail',
    ),
  );
  // With a baseline the diff decides: known nonconformance does not block the gate, a change does.
  const failed = compared
    ? compared.diff.gate.failed || expiring || sessionsOutlived
    : results.summary.fail > 0 || results.targets.some((target) => target.error !== undefined);
  return failed ? ExitCode.nonconformant : ExitCode.ok;
}

function checkWarnExpiryDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,7}$/.test(text.trim())) {
    throw new HarnessError(
      `Cannot use --warn-expiry-days ${JSON.stringify(text)}: it must be a whole number of days, 0 or more (e.g. 30).`,
    );
  }
  return Number(text.trim());
}

/** `--concurrency`: a whole number from 1 to 256, as the config's `concurrency`. */
function parseConcurrency(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < 1 || value > 256) {
    throw new HarnessError(
      `Cannot use --concurrency ${JSON.stringify(raw)}: it must be a whole number from 1 to 256, the probes in flight at once (e.g. --concurrency 16).`,
    );
  }
  return value;
}

/** `--workers`: a whole number from 0 to maxProbeWorkers; absent, the machine's cores. */
function parseWorkers(raw: string | undefined): number {
  if (raw === undefined) return availableParallelism();
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > maxProbeWorkers) {
    throw new HarnessError(
      `Cannot use --workers ${JSON.stringify(raw)}: it must be a whole number from 0 to ${maxProbeWorkers}, the threads that carry the probes out (e.g. --workers ${availableParallelism()}; 0 runs them all in the main thread).`,
    );
  }
  return value;
}

async function resolveConfig(
  options: RunCommandOptions,
  fixtureNames: BuildConfigOptions['fixtureNames'],
  limits: Partial<ConfigLimits>,
): Promise<{ config: HarnessConfig; label: string }> {
  const buildOptions: BuildConfigOptions = {
    ...(fixtureNames ? { fixtureNames } : {}),
    limits,
    ...(options.fixturesPassphraseEnv !== undefined ? { fixturesPassphraseOverridden: true } : {}),
  };
  if (options.config !== undefined) {
    return { config: await loadConfig(options.config, buildOptions), label: options.config };
  }
  if (options.target !== undefined) {
    const config = configFromFlags(
      {
        target: options.target,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.trusts !== undefined ? { trusts: options.trusts } : {}),
        ...(options.serverCa !== undefined ? { serverCa: options.serverCa } : {}),
        ...(options.servername !== undefined ? { servername: options.servername } : {}),
        ...(options.rejectAt !== undefined ? { rejectAt: options.rejectAt } : {}),
      },
      buildOptions,
    );
    return { config, label: options.target };
  }
  if (options.targetsFile !== undefined) {
    const config = configFromTargetsFile(
      {
        targetsFile: options.targetsFile,
        ...(options.trusts !== undefined ? { trusts: options.trusts } : {}),
        ...(options.serverCa !== undefined ? { serverCa: options.serverCa } : {}),
        ...(options.rejectAt !== undefined ? { rejectAt: options.rejectAt } : {}),
      },
      buildOptions,
    );
    return { config, label: options.targetsFile };
  }
  const conventional = resolve(conventionalConfigFile);
  if (
    await access(conventional).then(
      () => true,
      () => false,
    )
  ) {
    return { config: await loadConfig(conventional, buildOptions), label: conventionalConfigFile };
  }
  return {
    config: buildConfig(defaultRunConfig, { kind: 'flags', baseDir: process.cwd() }, buildOptions),
    label: 'the built-in demo targets (no config given)',
  };
}
