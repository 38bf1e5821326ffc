import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readResultsFile } from '../../baseline/read-results-file.ts';
import { renderTerminalSummary } from '../../report/terminal-summary.ts';
import { runReportFileNames, writeRunReports } from '../../report/write-run-reports.ts';
import { defineCommand } from '../command-module.ts';
import { ExitCode } from '../exit-codes.ts';
import { mergeRunResults, type MergeInput } from './report-merge-results.ts';

interface ReportMergeOptions {
  dirs: string[];
  reportDir?: string;
  json: boolean;
}

/** The report folder `report merge` writes into without --report-dir: the same as `run`'s. */
const defaultReportDir = 'reports';

export const reportMergeCommand = defineCommand<ReportMergeOptions>({
  command: 'merge <dirs..>',
  describe:
    "Merge the reports of a run's shards (run --shard i/n) into one results.json, junit.xml and report.html; exit 1 when any scenario failed",
  builder: (yargs) =>
    yargs
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: "Each shard's --report-dir (or its results.json), in any order",
      })
      .option('report-dir', {
        type: 'string',
        describe: `Where the merged report.html, junit.xml and results.json go (default: ${defaultReportDir})`,
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the merged results.json to stdout',
      })
      .example(
        '$0 report merge shards/* --report-dir reports',
        'the CI merge job after a matrix of run --shard i/n',
      )
      .example(
        '$0 report merge reports-1 reports-2 --json > results.json',
        'the merged results on stdout as well',
      ),
  run: async (options) => {
    // Read every input before writing anything: a bad shard leaves the output folder untouched.
    const inputs: MergeInput[] = [];
    for (const dir of options.dirs) {
      inputs.push({
        label: dir,
        results: await readResultsFile(await resultsFileOf(dir), 'the shard results'),
      });
    }
    const results = mergeRunResults(inputs);
    const files = await writeRunReports({
      results,
      reportDir: resolve(options.reportDir ?? defaultReportDir),
    });
    const stderr = process.stderr;
    const shards =
      inputs[0]?.results.shard !== undefined ? `${inputs.length} shards` : `${inputs.length} runs`;
    stderr.write(`Merged ${shards}: ${results.targets.length} target(s).\n`);
    // The summary is the result, on stdout as run prints it; with --json stdout holds results.json alone.
    const out = options.json ? stderr : process.stdout;
    out.write(renderTerminalSummary(results, { color: out.isTTY === true, width: out.columns ?? 100 }));
    out.write(`Reports:\n  ${files.html}\n  ${files.junit}\n  ${files.json}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    const failed =
      results.interrupted ||
      results.summary.fail > 0 ||
      results.targets.some((target) => target.error !== undefined);
    return failed ? ExitCode.nonconformant : ExitCode.ok;
  },
});

// A shard's --report-dir holds its results.json; the file itself may be named too.
async function resultsFileOf(dir: string): Promise<string> {
  const path = resolve(dir);
  const isFolder = await stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return isFolder ? join(path, runReportFileNames.json) : path;
}
