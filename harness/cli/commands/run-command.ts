import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildConfig } from '../../config/build-config.ts';
import { configFromFlags } from '../../config/config-from-flags.ts';
import type { HarnessConfig } from '../../config/config-types.ts';
import { loadConfig } from '../../config/load-config.ts';
import { writeRunReports } from '../../report/write-run-reports.ts';
import { TerminalProgressReporter } from '../../report/terminal-progress-reporter.ts';
import { renderTerminalSummary } from '../../report/terminal-summary.ts';
import { runConformance } from '../../runner/run-conformance.ts';
import { suitePlanners } from '../../../suites/index.ts';
import { defineCommand } from '../command-module.ts';
import { defaultRunConfig } from '../default-run-config.ts';
import { ensureRunFixtures } from '../ensure-run-fixtures.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';
import { toRunTargetSpec } from '../run-target-spec.ts';
import { withInterruptSignal } from '../with-interrupt-signal.ts';

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
  concurrency?: number;
  json: boolean;
}

/** The config file `run` picks up from the working folder when given neither --config nor --target. */
export const conventionalConfigFile = 'mtls-conformance.yaml';

export const runCommand = defineCommand<RunCommandOptions>({
  command: 'run',
  describe: 'Run the conformance suites against the configured targets and write the reports',
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
      .conflicts('config', ['target', 'trusts', 'server-ca', 'servername', 'reject-at', 'name'])
      .implies('trusts', 'target')
      .option('fixtures', {
        type: 'string',
        describe: 'Fixture folder (overrides the config; generated if missing)',
      })
      .option('fixtures-passphrase-env', {
        type: 'string',
        describe: "Variable holding the fixture keystores' passphrase (default: the set's passphrase.txt)",
      })
      .option('report-dir', {
        type: 'string',
        describe: 'Where report.html, junit.xml and results.json go (default: reports)',
      })
      .option('concurrency', {
        type: 'number',
        describe: "Probes in flight at once (default: the config's, else 8)",
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print results.json to stdout' })
      .example('$0 run', 'the whole catalogue against two built-in mock targets (the demo)')
      .example('$0 run --config mtls-conformance.yaml', 'the targets of a config file')
      .example(
        '$0 run --target https://127.0.0.1:8443/healthcheck --trusts ca1 --server-ca ca1',
        'one endpoint',
      ) as never,
  run: (options) => withInterruptSignal((signal) => runConformanceCommand(options, signal)),
});

async function runConformanceCommand(
  options: RunCommandOptions,
  signal: AbortSignal,
): Promise<ExitCodeValue> {
  const stderr = process.stderr;
  // Validate everything we can before touching the network or writing fixtures.
  const draft = await resolveConfig(options);
  const fixturesDir = options.fixtures !== undefined ? resolve(options.fixtures) : draft.config.fixtures;
  const prepared = await ensureRunFixtures(fixturesDir, options.fixturesPassphraseEnv);
  if (prepared.report) {
    stderr.write(`Generated the fixture set in ${prepared.report.dir} (${prepared.report.durationMs} ms).\n`);
  }
  const caNames = prepared.fixtures.manifest.identities
    .filter((identity) => identity.role.endsWith('ca'))
    .map((identity) => identity.name);
  const { config, label } = await resolveConfig(options, caNames);
  stderr.write(`Running ${label}: ${config.targets.length} target(s).\n`);

  const reportDir = options.reportDir !== undefined ? resolve(options.reportDir) : config.reportDir;
  const progress = new TerminalProgressReporter(stderr, { color: stderr.isTTY === true });
  const results = await runConformance({
    fixtures: prepared.fixtures,
    fixturePassphrase: prepared.passphrase,
    targets: config.targets.map((target) => toRunTargetSpec(target, prepared.fixtures)),
    planners: suitePlanners,
    concurrency: options.concurrency ?? config.concurrency,
    timeouts: config.timeouts,
    signal,
    reporter: progress,
  });
  const files = await writeRunReports({ results, reportDir });

  stderr.write(
    renderTerminalSummary(results, { color: stderr.isTTY === true, width: stderr.columns ?? 100 }),
  );
  stderr.write(`Reports:\n  ${files.html}\n  ${files.junit}\n  ${files.json}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (results.interrupted) return ExitCode.interrupted;
  const failed = results.summary.fail > 0 || results.targets.some((target) => target.error !== undefined);
  return failed ? ExitCode.nonconformant : ExitCode.ok;
}

async function resolveConfig(
  options: RunCommandOptions,
  fixtureNames?: readonly string[],
): Promise<{ config: HarnessConfig; label: string }> {
  const buildOptions = fixtureNames ? { fixtureNames } : {};
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
