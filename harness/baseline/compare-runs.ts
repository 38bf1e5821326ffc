import type { RunResults } from '../report/run-results.ts';
import type { DiffCategory } from './diff-category.ts';
import { diffRuns } from './diff-runs.ts';
import type { RunDiff } from './run-diff.ts';
import { writeDiffReports, type DiffReportFiles } from './write-diff-reports.ts';

export interface CompareRunsInput {
  baseline: RunResults;
  current: RunResults;
  failOn: readonly DiffCategory[];
  /** Where diff.html and diff.json go. */
  reportDir: string;
  /** The results.json files compared, recorded in diff.json. */
  files?: { baseline?: string; current?: string };
}

/** What `run --baseline` and `report diff` both do: compare, then write diff.html and diff.json. */
export async function compareRuns(
  input: CompareRunsInput,
): Promise<{ diff: RunDiff; files: DiffReportFiles }> {
  const diff = diffRuns(input.baseline, input.current, {
    failOn: input.failOn,
    ...(input.files ? { files: input.files } : {}),
  });
  return { diff, files: await writeDiffReports(diff, input.reportDir) };
}
