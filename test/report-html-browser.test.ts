import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { RunResults } from '../harness/report/run-results.ts';
import { writeRunReports } from '../harness/report/write-run-reports.ts';
import { withPage } from './support/open-in-browser.ts';
import {
  catalogue,
  hostileRunResults,
  runResults,
  sampleRunResults,
  targetResult,
} from './support/report-sample-results.ts';

// The README's screenshot is rewritten only on request, so that tests do not change tracked files:
// UPDATE_REPORT_SCREENSHOT=1 npx mocha test/report-html-browser.test.ts
const readmeScreenshot = fileURLToPath(new URL('../docs/report-screenshot.png', import.meta.url));

describe('report: report.html in headless Chromium', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-html-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function openReport<T>(
    results: RunResults,
    use: (page: Page, requests: readonly string[]) => Promise<T>,
  ) {
    const files = await writeRunReports({ results, reportDir: dir });
    return withPage(files.html, async (page, requests) => {
      // mochawesome renders the test list after load ("Generating Report").
      await page.locator('li[class*="test--component"]').first().waitFor();
      return use(page, requests);
    });
  }

  /** Expands a test item by clicking its header, as a person would. */
  async function expand(test: Locator): Promise<Locator> {
    await test.locator('summary').first().click();
    await test.getByText('Additional Test Context').waitFor();
    return test;
  }

  it('shows every scenario with its verdict, and the evidence of the failing one when expanded', async () => {
    await openReport(sampleRunResults(), async (page, requests) => {
      expect(await page.locator('li[class*="test--passed"]').count()).to.equal(29);
      expect(await page.locator('li[class*="test--failed"]').count()).to.equal(1);
      const text = await page.locator('#details').innerText();
      for (const entry of catalogue) expect(text).to.include(`${entry.id}: ${entry.title}`);
      expect(text).to.include('ca1-only (server: https://127.0.0.1:9443/healthcheck)');

      const failing = page.locator('li[class*="test--failed"]');
      expect(await failing.innerText()).to.include(
        'second-ca-client: Client certificate from the second CA (same subject DN as ca1)',
      );
      expect(await failing.innerText()).to.include('expected rejected, observed accepted: HTTP 200');

      const expanded = await expand(failing);
      const evidence = expanded.locator('[class*="test--context---"]');
      for (const shown of [
        'Reproduce by hand',
        'curl -v --cacert /work/fixtures/ca1.crt --cert /work/fixtures/tpp2.crt --key /work/fixtures/tpp2.key https://127.0.0.1:9443/healthcheck',
        'because target trusts [ca1]; tpp2 is issued by ca2',
        'CN=tpp2.demo.axway.com',
        'accepted at http',
        'HTTP 200',
        'TLS_AES_256_GCM_SHA384',
        'trust: validates to the declared server CA',
        'Acceptable CA names',
        'handshake 6.1 ms',
      ]) {
        expect(await evidence.getByText(shown, { exact: false }).first().isVisible(), shown).to.equal(true);
      }

      // The page fetched nothing but itself (and data: URLs of its own inline fonts).
      expect(requests.filter((url) => !/^(file|data):/.test(url))).to.deep.equal([]);

      // Scrolled so that the target's passing scenarios show above the expanded failure.
      // (A string, evaluated in the page: the project compiles without the DOM types.)
      const top = (await expanded.boundingBox())?.y ?? 0;
      await page.evaluate(`window.scrollBy(0, ${Math.round(top - 245)})`);
      const screenshot = process.env.UPDATE_REPORT_SCREENSHOT
        ? readmeScreenshot
        : join(dir, 'screenshot.png');
      await page.screenshot({ path: screenshot });
      expect((await stat(screenshot)).size).to.be.greaterThan(10_000);
    });
  });

  it('opens on the targets × scenarios matrix, below the navigation bar, with each verdict and its reason', async () => {
    await openReport(sampleRunResults(), async (page) => {
      const matrix = page.locator('#mtlsc-matrix');
      expect(await matrix.isVisible()).to.equal(true);
      // Not hidden under mochawesome's fixed navigation bar: the first row is what the page shows there.
      const firstRow = matrix.locator('tbody tr').first();
      const box = await firstRow.boundingBox();
      const shown = await page.evaluate<boolean>(
        `document.elementFromPoint(${Math.round((box?.x ?? 0) + 4)}, ${Math.round((box?.y ?? 0) + (box?.height ?? 0) / 2)})?.closest('#mtlsc-matrix') !== null`,
      );
      expect(shown, 'the matrix is covered').to.equal(true);
      expect(await matrix.locator('tbody th').allInnerTexts()).to.deep.equal(['ca1-and-ca2', 'ca1-only']);
      expect(await matrix.locator('thead th').allInnerTexts()).to.include.members(
        catalogue.map((entry) => entry.id),
      );
      expect(await matrix.locator('td[data-verdict="pass"]').count()).to.equal(29);
      const failed = matrix.locator('td[data-verdict="fail"]');
      expect(await failed.count()).to.equal(1);
      expect(await failed.innerText()).to.equal('✘');
      expect(await failed.getAttribute('title')).to.equal(
        'second-ca-client: fail: expected rejected, observed accepted: HTTP 200',
      );
      expect(await matrix.innerText()).to.include('2 targets, 30 scenarios: 29 passed, 1 failed');
    });
  });

  it('shows hostile names and bodies as text: no script runs, nothing external is fetched', async () => {
    await openReport(hostileRunResults(), async (page, requests) => {
      const failing = await expand(page.locator('li[class*="test--failed"]'));

      expect(await page.evaluate('typeof window.__pwned')).to.equal('undefined');
      const text = await page.locator('#details').innerText();
      expect(text).to.include('evil<script>window.__pwned=1</script>');
      expect(await page.locator('#mtlsc-matrix tbody th').allInnerTexts()).to.include(
        'evil<script>window.__pwned=1</script>',
      );
      expect(text).to.include('title ]]> with "quotes" & \\x1B[31mred\\x1B[0m\\x00');
      const evidence = await failing.innerText();
      expect(evidence).to.include('<script>alert(1)</script> ]]> \\x07');
      expect(evidence).to.include('http://evil.example/a.mp4\\x23x');
      expect(evidence).to.include('CN=evil.example/logo.png');
      expect(await failing.locator('img, video, source, a[href]').count()).to.equal(0);
      expect(requests.filter((url) => !/^(file|data):/.test(url))).to.deep.equal([]);
    });
  });

  it('lists the scenarios an interrupted run did not get to', async () => {
    const target = targetResult('partner', 'https://partner.example/', ['ca1']);
    for (const scenario of target.scenarios.slice(5)) {
      Object.assign(scenario, {
        verdict: 'not-run',
        observed: null,
        reason: 'not run: the run was interrupted',
      });
    }

    await openReport(runResults([target], true), async (page) => {
      expect(await page.locator('li[class*="test--skipped"]').count()).to.equal(10);
      const notRun = await expand(page.locator('li[class*="test--component"]', { hasText: 'tls-1.3' }));
      expect(await notRun.innerText()).to.include('not run: the run was interrupted');
    });
  });
});
