import yargs, { type Argv } from 'yargs';
import { Parser } from 'yargs/helpers';
import { isHarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import { toolVersion } from '../common/tool-version.ts';
import type { CliCommand } from './command-module.ts';
import { commandEntries } from './commands/index.ts';
import { ExitCode, type ExitCodeValue } from './exit-codes.ts';
import { describeUnknownArguments } from './unknown-arguments.ts';
import { withoutCachedHelp } from './without-cached-help.ts';

const usage = `mtls-conformance: check that an mTLS endpoint accepts exactly the clients it should.

Usage: mtls-conformance <command> [options]

Examples:
  mtls-conformance run                      run the catalogue against the built-in mock targets
  mtls-conformance run --config mtls-conformance.yaml
  mtls-conformance fixtures --out fixtures  generate CAs, client certificates and keystores
  mtls-conformance probe https://127.0.0.1:8443/healthcheck --cert tpp1.crt --key tpp1.key

Run 'mtls-conformance --help' for every command.`;

/** Parses argv, runs one command, and returns the exit code. Never exits the process itself. */
export async function runCli(
  argv: string[],
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<ExitCodeValue> {
  if (argv.length === 0) {
    stderr.write(`${usage}\n`);
    return ExitCode.unusable;
  }
  const debug = argv.includes('--debug');
  let exitCode: ExitCodeValue = ExitCode.ok;

  const parser = yargs(argv)
    .scriptName('mtls-conformance')
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces of errors' })
    .strict()
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .help()
    // Only main.ts ends the process: --help and --version return here like any command.
    .exitProcess(false)
    .alias('help', 'h')
    // The package version on stdout, exit 0: what made a verdict matters in an audit (it is in
    // results.json and report.html too). -V as well, as many CLIs spell it; no command uses -V.
    .version('version', 'Print the version of mtls-conformance', toolVersion)
    .alias('version', 'V')
    .wrap(Math.min(110, process.stdout.columns || 110))
    // Throwing is what stops yargs: a handler that only records the message lets the command run anyway.
    .fail((message, error) => {
      throw error ?? new UsageError(describeUnknownArguments(message, knownOptions()) ?? message);
    });
  // The options of the command being parsed, once yargs has registered them (for "did you mean").
  // getOptions() is public in yargs 18 (yargs-factory.js) but missing from @types/yargs 17.
  const knownOptions = (): string[] =>
    Object.keys((parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);

  const register = (target: Argv, command: CliCommand<unknown>): void => {
    target.command(
      command.command,
      command.describe,
      (y) => {
        const built = command.builder(y as never);
        for (const subcommand of command.subcommands ?? []) register(built, subcommand);
        return built;
      },
      async (options) => {
        exitCode = await command.run(options);
      },
    );
  };
  for (const command of await loadCommands(argv)) register(parser, command);
  withoutCachedHelp(parser);

  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      const sentence = /[.?!]$/.test(error.message) ? error.message : `${error.message}.`;
      stderr.write(`mtls-conformance: ${sentence} See 'mtls-conformance <command> --help'.\n`);
      return ExitCode.unusable;
    }
    return reportError(error, debug, stderr);
  }
  return exitCode;
}

/**
 * The command the line names, loaded in full, and the others as their `--help` line only: yargs runs
 * the builder and handler of the matched command alone, and lists the others from their summaries.
 * The name is the first positional word; a line that names no command (a typo, `--help`) needs the
 * summaries only.
 */
async function loadCommands(argv: readonly string[]): Promise<CliCommand<unknown>[]> {
  // yargs' own parser, told which global flags are booleans, so `--debug false run` names `run`.
  const name = Parser([...argv], {
    boolean: ['debug', 'help', 'version'],
    alias: { help: ['h'], version: ['V'] },
  })._[0];
  return Promise.all(
    commandEntries.map((entry) =>
      entry.name === name
        ? entry.load()
        : Promise.resolve<CliCommand<unknown>>({
            command: entry.command,
            describe: entry.describe,
            builder: (y) => y,
            run: () => Promise.reject(new Error(`the command ${entry.name} was not loaded`)),
          }),
    ),
  );
}

/** A command line yargs refused: unknown option, missing value, conflicting flags. */
class UsageError extends Error {}

// An error's text may quote what a server or a library said: the run's secrets are taken out first.
function reportError(error: unknown, debug: boolean, stderr: NodeJS.WritableStream): ExitCodeValue {
  const write = (text: string) => stderr.write(`${runSecrets.redact(text)}\n`);
  if (isHarnessError(error)) {
    write(`mtls-conformance: ${error.message}`);
    if (debug) write(formatStack(error));
    return ExitCode.unusable;
  }
  // Not a failure the user caused: a defect of the harness. Still one line without --debug.
  const message = error instanceof Error ? error.message : String(error);
  write(`mtls-conformance: internal error: ${message} (run again with --debug for the stack trace)`);
  if (debug) write(formatStack(error));
  return ExitCode.unusable;
}

function formatStack(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    lines.push(current.stack ?? current.message);
    current = current.cause;
    if (current !== undefined) lines.push('Caused by:');
  }
  return lines.join('\n');
}
