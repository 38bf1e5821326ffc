import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/**
 * Opens `fileOrUrl` (a path, or a file:/http: URL) in headless Chromium and runs `use` with the page
 * and every URL the page has requested so far (the page itself included, in order). Always closes the
 * browser, whether `use` returns or throws.
 */
export async function withPage<T>(
  fileOrUrl: string,
  use: (page: Page, requests: readonly string[]) => Promise<T>,
  viewport = { width: 1280, height: 900 },
): Promise<T> {
  const url =
    /^[a-z][a-z0-9+.-]*:/i.test(fileOrUrl) && !isAbsolute(fileOrUrl)
      ? fileOrUrl
      : pathToFileURL(resolve(fileOrUrl)).href;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
    return await use(page, requests);
  } finally {
    await browser.close();
  }
}
