import type { CliCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';

/** A command as `--help` lists it, and how to load all of it. */
export interface CommandEntry {
  command: string;
  describe: string;
  /** The name that selects it on the command line (`probe` for `probe <url>`). */
  name: string;
  load: () => Promise<CliCommand<unknown>>;
}

/**
 * Every CLI command, in the order `--help` lists them. Add one line per new command. Each is imported
 * only when it runs: the whole harness (Mocha, the report renderer, node-forge, ajv) takes ~0.5 s to
 * load, which `probe`, `scenarios` or `--help` should not pay.
 */
export const commandEntries: readonly CommandEntry[] = [
  entry('run', async () => (await import('./run-command.ts')).runCommand),
  entry('probe', async () => (await import('./probe-command.ts')).probeCommand),
  entry('fixtures', async () => (await import('./fixtures-command.ts')).fixturesCommand),
  entry('scenarios', async () => (await import('./scenarios-command.ts')).scenariosCommand),
  entry('init', async () => (await import('./init-command.ts')).initCommand),
  entry('keystore', async () => (await import('./keystore-command.ts')).keystoreCommand),
  entry('report', async () => (await import('./report-command.ts')).reportCommand),
  entry('serve', async () => (await import('./serve-command.ts')).serveCommand),
];

function entry(name: keyof typeof commandSummaries, load: CommandEntry['load']): CommandEntry {
  return { ...commandSummaries[name], name, load };
}
