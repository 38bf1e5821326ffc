import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/**
 * Debian's chromium package. playwright-core drives any Chromium over CDP; a test tool's own browser
 * download (`playwright install`) cannot work on these machines, so it is never called.
 */
export const chromiumPath = '/usr/bin/chromium';

// Headless, and quiet: no first-run UI, and no background traffic (component updates, sync, QUIC
// probes) that would show up among the page's requests. --no-sandbox: CI containers run as root.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How the page is opened: the window size, scripts on or off, a Content-Security-Policy to serve it with. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Default true. False is a browser with JavaScript switched off. */
  javaScriptEnabled?: boolean;
  /**
   * Serve a local file with this Content-Security-Policy header, as a CI server's artifact viewer does
   * (Jenkins' HTML Publisher: `sandbox; default-src 'none'; img-src 'self'; style-src 'self'`). The
   * page is then fetched from `http://report.test/` through Playwright's request routing: nothing
   * leaves the machine.
   */
  contentSecurityPolicy?: string;
}

/**
 * Opens `fileOrUrl` (a path, or a file:/http: URL) in headless Chromium and runs `use` with the page
 * and every URL the page has requested so far (the page itself included, in order). Always closes the
 * browser, whether `use` returns or throws.
 */
export async function withPage<T>(
  fileOrUrl: string,
  use: (page: Page, requests: readonly string[]) => Promise<T>,
  options: PageOptions = {},
): Promise<T> {
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(fileOrUrl) && !isAbsolute(fileOrUrl);
  const url = isUrl ? fileOrUrl : pathToFileURL(resolve(fileOrUrl)).href;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const policy = options.contentSecurityPolicy;
    if (policy === undefined) {
      await page.goto(url, { waitUntil: 'load' });
      return await use(page, requests);
    }
    const served = 'http://report.test/report.html';
    const body = await readFile(isUrl ? fileURLToPath(url) : resolve(fileOrUrl));
    await page.route('**/*', (route) =>
      route.request().url() === served
        ? route.fulfill({
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
            body,
          })
        : route.abort(),
    );
    await page.goto(served, { waitUntil: 'load' });
    return await use(page, requests);
  } finally {
    await browser.close();
  }
}
