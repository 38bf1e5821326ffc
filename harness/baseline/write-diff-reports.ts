import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { renderMochawesomeHtml, type HtmlReportRenderer } from '../report/render-html-report.ts';
import { toMochawesomeDiffReport } from './diff-mochawesome-report.ts';
import type { RunDiff } from './run-diff.ts';

export const diffReportFileNames = { html: 'diff.html', json: 'diff.json' } as const;

export interface DiffReportFiles {
  html: string;
  json: string;
}

/**
 * Writes diff.json and a self-contained diff.html into `reportDir` (created if missing), next to the
 * run's reports. Both are written complete into a staging folder there first and then renamed over
 * the old ones (rename(2) is atomic within one file system), diff.json last: a failure leaves the
 * previous pair and no partial file.
 */
export async function writeDiffReports(
  diff: RunDiff,
  reportDir: string,
  renderHtml: HtmlReportRenderer = renderMochawesomeHtml,
): Promise<DiffReportFiles> {
  const files: DiffReportFiles = {
    html: join(reportDir, diffReportFileNames.html),
    json: join(reportDir, diffReportFileNames.json),
  };
  let staging: string | undefined;
  try {
    await mkdir(reportDir, { recursive: true });
    staging = await mkdtemp(join(reportDir, '.staging-diff-'));
    const html = await renderHtml(toMochawesomeDiffReport(diff), {
      dir: staging,
      fileName: 'diff',
      title: diffTitle(diff),
    });
    await syncFile(html);
    const json = join(staging, diffReportFileNames.json);
    const handle = await open(json, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(diff, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(html, files.html);
    await rename(json, files.json);
  } catch (error) {
    throw new HarnessError(
      `Cannot write the diff reports in ${reportDir}: ${describeWriteError(error)}. Choose a writable folder with --report-dir.`,
      { cause: error },
    );
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
  return files;
}

/** The page title: `mtls-conformance diff: 1 newly-rejected — gate failed`. */
export function diffTitle(diff: RunDiff): string {
  const counts = Object.entries(diff.counts)
    .filter(([, count]) => count > 0)
    .map(([category, count]) => `${count} ${category}`);
  const what = counts.length > 0 ? counts.join(', ') : 'no differences';
  return `mtls-conformance diff: ${what} — gate ${diff.gate.failed ? 'failed' : 'passed'}`;
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'it, or a folder on its path, is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  return error instanceof Error ? error.message : String(error);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
