import { resolve } from 'node:path';
import { compareRuns } from '../../baseline/compare-runs.ts';
import { defaultFailOn, diffCategories } from '../../baseline/diff-category.ts';
import { parseFailOn } from '../../baseline/parse-fail-on.ts';
import { readResultsFile } from '../../baseline/read-results-file.ts';
import { renderDiffTable } from '../../baseline/render-diff-table.ts';
import { defineCommand } from '../command-module.ts';
import { ExitCode } from '../exit-codes.ts';

interface ReportDiffOptions {
  old: string;
  new: string;
  reportDir?: string;
  failOn?: string;
  json: boolean;
}

/** The report folder `report diff` writes into without --report-dir: the same as `run`'s. */
const defaultReportDir = 'reports';

export const reportDiffCommand = defineCommand<ReportDiffOptions>({
  command: 'diff <old> <new>',
  describe: 'Compare two saved results.json files; exit 1 when a --fail-on difference is found',
  builder: (yargs) =>
    yargs
      .positional('old', { type: 'string', demandOption: true, describe: 'The baseline results.json' })
      .positional('new', {
        type: 'string',
        demandOption: true,
        describe: 'The results.json to compare with it',
      })
      .option('report-dir', {
        type: 'string',
        describe: `Where diff.html and diff.json go (default: ${defaultReportDir})`,
      })
      .option('fail-on', {
        type: 'string',
        describe: `Difference categories that make the exit code 1, comma-separated (default: ${defaultFailOn.join(',')}). Allowed: ${diffCategories.join(', ')}`,
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print diff.json to stdout' })
      .example('$0 report diff baseline/results.json reports/results.json', 'what changed since the baseline')
      .example(
        '$0 report diff old.json new.json --fail-on newly-accepted --json',
        'fail only on clients newly let in; the diff as JSON on stdout',
      ),
  run: async (options) => {
    const failOn = options.failOn !== undefined ? parseFailOn(options.failOn) : defaultFailOn;
    const oldFile = resolve(options.old);
    const newFile = resolve(options.new);
    const baseline = await readResultsFile(oldFile, 'OLD');
    const current = await readResultsFile(newFile, 'NEW');
    const { diff, files } = await compareRuns({
      baseline,
      current,
      failOn,
      reportDir: resolve(options.reportDir ?? defaultReportDir),
      files: { baseline: oldFile, current: newFile },
    });
    const stderr = process.stderr;
    stderr.write(renderDiffTable(diff, { color: stderr.isTTY === true }));
    stderr.write(`Reports:\n  ${files.html}\n  ${files.json}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
    // An interrupted NEW run did not run every scenario: what it skipped shows only as verdict-changed,
    // which the default gate ignores, so without this an incomplete run would pass the gate.
    if (current.interrupted) {
      stderr.write(
        `mtls-conformance: NEW ${newFile} is from an interrupted run (${current.summary.notRun} scenario(s) not run): the gate does not pass an incomplete run. Run it again to the end.\n`,
      );
      return ExitCode.nonconformant;
    }
    return diff.gate.failed ? ExitCode.nonconformant : ExitCode.ok;
  },
});
