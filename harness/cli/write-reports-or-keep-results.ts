import { tmpdir } from 'node:os';
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import { keepResultsElsewhere } from '../report/keep-results-elsewhere.ts';
import type { RunResults } from '../report/run-results.ts';
import { writeRunReports, type RunReportFiles } from '../report/write-run-reports.ts';

/**
 * writeRunReports, for a folder that took the run's lock but then not its reports (its disk filled up
 * while the run probed): the run's results are not lost. `showResults` prints them as a finished run
 * would (the summary, results.json with --json), results.json is kept in a new private folder of
 * TMPDIR, and the HarnessError (exit 2: the reports are missing) says where and how to write the
 * reports from it.
 */
export async function writeReportsOrKeepResults(
  results: RunResults,
  reportDir: string,
  showResults: () => void,
): Promise<RunReportFiles> {
  try {
    return await writeRunReports({ results, reportDir });
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    showResults();
    const kept = await keepResultsElsewhere(results);
    throw new HarnessError(
      kept === undefined
        ? `${error.message} This run's results could not be kept elsewhere either (in ${tmpdir()}).`
        : `${error.message} This run's results are kept in ${kept}; 'mtls-conformance report merge ${kept} --report-dir DIR' writes the reports from them.`,
      { cause: error },
    );
  }
}
