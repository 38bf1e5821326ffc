import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { describeWriteFailure } from './describe-write-failure.ts';
import { describeTotals } from './describe-totals.ts';
import { junitXmlChunks } from './junit-xml.ts';
import { resultsJsonChunks } from './results-json-chunks.ts';
import type { HtmlReportTarget } from './render-html-report.ts';
import type { RunResults } from './run-results.ts';
import { runReportHtmlChunks } from './run-report-html.ts';

export interface WriteRunReportsInput {
  results: RunResults;
  /** Folder of the three reports; created if missing. Files of an earlier run there are replaced. */
  reportDir: string;
  /** Title of the HTML page. Default: `mtls-conformance` and the totals. */
  title?: string;
}

/** Paths of the written reports: reportDir joined with the fixed file names. */
export interface RunReportFiles {
  html: string;
  junit: string;
  json: string;
}

const unchanged = 'The reports there are unchanged';

export const runReportFileNames = { html: 'report.html', junit: 'junit.xml', json: 'results.json' } as const;

/** Writes the HTML page of `results` into `target.dir` and resolves with its path. */
export type RunReportHtmlWriter = (results: RunResults, target: HtmlReportTarget) => Promise<string>;

/** report.html as renderRunReportHtml makes it: static, self-contained, no script. */
export const writeRunReportHtml: RunReportHtmlWriter = (results, target) =>
  writeDurably(join(target.dir, `${target.fileName}.html`), runReportHtmlChunks(results, target.title));

/**
 * Writes results.json (the contract), junit.xml and a self-contained report.html. The HTML is always
 * made from the results (renderRunReportHtml), so the three reports cannot disagree.
 *
 * All three are first written complete into a staging folder inside reportDir (fsync'ed), and only
 * then renamed over the old ones (rename(2) is atomic within one file system): a failure before that
 * leaves the previous reports untouched and no partial file; results.json is renamed last.
 */
export async function writeRunReports(
  input: WriteRunReportsInput,
  writeHtml: RunReportHtmlWriter = writeRunReportHtml,
): Promise<RunReportFiles> {
  const { results, reportDir } = input;
  const title = input.title ?? `mtls-conformance: ${describeTotals(results)}`;
  const files: RunReportFiles = {
    html: join(reportDir, runReportFileNames.html),
    junit: join(reportDir, runReportFileNames.junit),
    json: join(reportDir, runReportFileNames.json),
  };
  await createFolder(reportDir);
  const staging = await mkdtemp(join(reportDir, '.staging-')).catch((error: unknown) => {
    throw cannotWrite(reportDir, error, unchanged);
  });
  try {
    let staged: RunReportFiles;
    try {
      staged = {
        html: await writeHtml(results, { dir: staging, fileName: 'report', title }),
        // Written a target at a time: the run never holds either file whole in memory (issue 21).
        junit: await writeDurably(join(staging, runReportFileNames.junit), junitXmlChunks(results)),
        json: await writeDurably(join(staging, runReportFileNames.json), resultsJsonChunks(results)),
      };
    } catch (error) {
      throw cannotWrite(reportDir, error, unchanged);
    }
    try {
      await rename(staged.html, files.html);
      await rename(staged.junit, files.junit);
      await rename(staged.json, files.json);
    } catch (error) {
      throw cannotWrite(reportDir, error, 'Some of the reports there may be from the previous run');
    }
    await syncFolder(reportDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return files;
}

async function createFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw cannotWrite(folder, error, unchanged);
  }
}

function cannotWrite(folder: string, error: unknown, state: string): HarnessError {
  return new HarnessError(
    `Cannot write the reports in ${folder}: ${describeWriteFailure(error)}. ${state}; choose a writable folder with --report-dir.`,
    { cause: error },
  );
}

/** Pieces are gathered up to this size before a write(2): one call per target would be thousands. */
const writeBatchChars = 1 << 20;

async function writeDurably(path: string, data: string | Iterable<string>): Promise<string> {
  const handle = await open(path, 'wx', 0o644);
  try {
    if (typeof data === 'string') await handle.writeFile(data);
    else {
      let batch = '';
      for (const chunk of data) {
        batch += chunk;
        if (batch.length >= writeBatchChars) {
          await handle.writeFile(batch);
          batch = '';
        }
      }
      await handle.writeFile(batch);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the renames themselves durable. Some platforms (Windows) cannot open a folder: best effort.
async function syncFolder(folder: string): Promise<void> {
  try {
    await syncFile(folder);
  } catch {
    // the renames are done; only their durability across a power loss is not confirmed
  }
}
