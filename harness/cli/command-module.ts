import type { Argv } from 'yargs';
import type { ExitCodeValue } from './exit-codes.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  debug: boolean;
}

/**
 * One CLI command. `run` returns the exit code instead of exiting, so tests can call it and only
 * run-cli.ts touches the process.
 */
export interface CliCommand<Options> {
  command: string;
  describe: string;
  builder: (yargs: Argv<GlobalOptions>) => Argv<Options & GlobalOptions>;
  run: (options: Options & GlobalOptions) => Promise<ExitCodeValue>;
  /**
   * Commands under this one (`report diff`). yargs runs only the innermost matching command's handler,
   * so a command group's own `run` is reached only when no subcommand matches.
   */
  subcommands?: readonly CliCommand<unknown>[];
}

/** Erases the option type so commands of different shapes fit in one list. */
export function defineCommand<Options>(command: CliCommand<Options>): CliCommand<unknown> {
  return command as unknown as CliCommand<unknown>;
}
