import type { CliCommand } from '../command-module.ts';

/** Every CLI command, in the order `--help` lists them. Add one line per new command. */
export const commands: CliCommand<unknown>[] = [];
