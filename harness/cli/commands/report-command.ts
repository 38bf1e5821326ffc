import { HarnessError } from '../../common/harness-error.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { reportDiffCommand } from './report-diff-command.ts';
import { reportMergeCommand } from './report-merge-command.ts';

/** `report <subcommand>`: work on saved results.json files. Each subcommand is its own file. */
export const reportCommand = defineCommand<Record<string, never>>({
  ...commandSummaries.report,
  builder: (yargs) =>
    yargs
      .demandCommand(1, 'Name a report subcommand: diff, merge.')
      .example('$0 report diff baseline.json reports/results.json', 'what changed between two runs')
      .example('$0 report merge shards/*', 'one report from the shards of a run') as never,
  subcommands: [reportDiffCommand, reportMergeCommand],
  // Reached only if yargs matched no subcommand, which demandCommand already refuses.
  run: () =>
    Promise.reject(new HarnessError('Cannot run "report" on its own. Name a subcommand: diff, merge.')),
});
