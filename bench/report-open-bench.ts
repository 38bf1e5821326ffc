import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export interface ReportOpenFigures {
  endpoints: number;
  /** From navigation to the load event with the matrix's rows in the DOM and the matrix visible. */
  openMs: number;
  matrixRows: number;
}

/**
 * Issue 21's last row: report.html of a large run, opened in Debian's Chromium (headless, the browser
 * already started: its own start is not the report's), until the matrix shows a row per endpoint.
 */
export async function benchReportOpen(reportHtml: string, endpoints: number): Promise<ReportOpenFigures> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = performance.now();
    await page.goto(pathToFileURL(reportHtml).href, { waitUntil: 'load', timeout: 120_000 });
    await page.locator('#matrix').waitFor({ state: 'visible', timeout: 120_000 });
    const openMs = performance.now() - started;
    const matrixRows = await page.locator('#matrix tbody tr').count();
    return { endpoints, openMs, matrixRows };
  } finally {
    await browser.close();
  }
}
