import yargs, { type Argv } from 'yargs';
import type { CliCommand } from '../../harness/cli/command-module.ts';
import { commandEntries } from '../../harness/cli/commands/index.ts';

/**
 * Parses an `mtls-conformance` command line with the real commands' options, choices, checks and
 * conflicts (strict, as run-cli.ts registers them) without running any command. Resolves with why
 * yargs refuses the line, or undefined when it takes it.
 */
export async function refusalOfCommandLine(argv: readonly string[]): Promise<string | undefined> {
  const commands = await Promise.all(commandEntries.map((entry) => entry.load()));
  const parser = yargs([...argv])
    .scriptName('mtls-conformance')
    .option('debug', { type: 'boolean', default: false })
    .strict()
    .demandCommand(1, 'Name a command.')
    .exitProcess(false)
    .version('version', 'version', '0.0.0')
    .alias('version', 'V')
    .fail((message, error) => {
      throw error ?? new Error(message);
    });
  const register = (target: Argv, command: CliCommand<unknown>): void => {
    target.command(
      command.command,
      command.describe,
      (y) => {
        const built = command.builder(y as never);
        for (const subcommand of command.subcommands ?? []) register(built, subcommand);
        return built;
      },
      () => undefined,
    );
  };
  for (const command of commands) register(parser, command);
  try {
    await parser.parseAsync();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
