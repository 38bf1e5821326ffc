import type { CliCommand } from '../command-module.ts';
import { fixturesCommand } from './fixtures-command.ts';
import { initCommand } from './init-command.ts';
import { keystoreCommand } from './keystore-command.ts';
import { probeCommand } from './probe-command.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';
import { scenariosCommand } from './scenarios-command.ts';
import { serveCommand } from './serve-command.ts';

/** Every CLI command, in the order `--help` lists them. Add one line per new command. */
export const commands: CliCommand<unknown>[] = [
  runCommand,
  probeCommand,
  fixturesCommand,
  scenariosCommand,
  initCommand,
  keystoreCommand,
  reportCommand,
  serveCommand,
];
