import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { RunResults } from '../harness/report/run-results.ts';
import { writeRunReports } from '../harness/report/write-run-reports.ts';
import { withPage, type PageOptions } from './support/open-in-browser.ts';
import {
  catalogue,
  hostileRunResults,
  runResults,
  sampleRunResults,
  targetResult,
} from './support/report-sample-results.ts';

// The screenshot in docs/ is rewritten only on request, so that tests do not change tracked files:
// UPDATE_REPORT_SCREENSHOT=1 npx mocha test/report-html-browser.test.ts
const docsScreenshot = fileURLToPath(new URL('../docs/report-screenshot.png', import.meta.url));

// Jenkins' HTML Publisher serves artifacts with this policy by default: no script runs, no inline
// style applies. report.html must still show every piece of evidence there.
const jenkinsCsp = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

/** The three ways a reviewer opens the page: a browser, one without JavaScript, Jenkins' default CSP. */
const modes: ReadonlyArray<{ name: string; options: PageOptions }> = [
  { name: 'JavaScript on', options: {} },
  { name: 'JavaScript off', options: { javaScriptEnabled: false } },
  { name: "Jenkins' CSP (no script, no inline style)", options: { contentSecurityPolicy: jenkinsCsp } },
];

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
    options: PageOptions = {},
  ): Promise<T> {
    const files = await writeRunReports({ results, reportDir: dir });
    return withPage(files.html, use, options);
  }

  const failingId = '#t2-second-ca-client';

  for (const { name, options } of modes) {
    it(`${name}: shows the header, the matrix and the failing scenario's evidence without a click`, async () => {
      await openReport(
        sampleRunResults(),
        async (page, requests) => {
          const header = page.locator('header');
          for (const shown of [
            '2 targets, 30 scenarios: 29 passed, 1 failed',
            '2026-03-02T10:00:00.000Z → 2026-03-02T10:00:01.250Z (1.25 s)',
            'mtls-conformance 0.1.0',
          ]) {
            expect(await header.innerText(), shown).to.include(shown);
          }
          const declared = page.locator('table.declarations tbody tr');
          expect(await declared.nth(1).locator('td').allInnerTexts()).to.deep.equal([
            'ca1-only',
            'server',
            'nginx',
            'https://127.0.0.1:9443/healthcheck',
            '[ca1]',
            'ca1',
            'ready in 41 ms',
          ]);

          const matrix = page.locator('#matrix');
          expect(await matrix.locator('tbody th').allInnerTexts()).to.deep.equal(['ca1-and-ca2', 'ca1-only']);
          expect(await matrix.locator('thead th').allInnerTexts()).to.include.members(
            catalogue.map((entry) => entry.id),
          );
          expect(await matrix.locator('td[data-verdict="pass"]').count()).to.equal(29);
          const failed = matrix.locator('td[data-verdict="fail"] a');
          expect(await failed.innerText()).to.equal('✘');
          expect(await failed.getAttribute('href')).to.equal(failingId);
          expect(await failed.getAttribute('title')).to.equal(
            'second-ca-client: fail: expected rejected, observed accepted: HTTP 200',
          );

          // Open, with all its evidence, and nothing clicked.
          const failing = page.locator(failingId);
          expect(await failing.getAttribute('open')).to.equal('');
          const evidence = failing.locator('.evidence');
          for (const shown of [
            'Likely cause',
            "the endpoint trusts ca2, which has ca1's name and another key",
            'Reproduce by hand',
            'curl -v --cacert /work/fixtures/ca1.crt --cert /work/fixtures/tpp2.crt --key /work/fixtures/tpp2.key https://127.0.0.1:9443/healthcheck',
            'because target trusts [ca1]; tpp2 is issued by ca2',
            'CN=tpp2.demo.axway.com',
            'accepted at http',
            'TLS_AES_256_GCM_SHA384',
            'trust: validates to the declared server CA',
            'Acceptable CA names',
            'handshake 6.1 ms',
          ]) {
            expect(await evidence.getByText(shown, { exact: false }).first().isVisible(), shown).to.equal(
              true,
            );
          }
          // A passing scenario is one line until opened; its evidence is in the page all the same.
          const passing = page.locator('#t2-no-client-cert');
          expect(await passing.locator('.evidence').isVisible()).to.equal(false);
          await passing.locator('summary').click();
          expect(
            await passing.locator('.evidence').getByText('rejected at', { exact: false }).first().isVisible(),
          ).to.equal(true);

          // Nothing fetched but the page itself.
          expect(
            requests.filter((url) => !/^file:|^http:\/\/report\.test\/report\.html$/.test(url)),
          ).to.deep.equal([]);
        },
        options,
      );
    });
  }

  it('links each matrix cell to its evidence: clicking the failure brings it into view', async () => {
    await openReport(sampleRunResults(), async (page) => {
      expect(await isInViewport(page, failingId)).to.equal(false);
      await page.locator(`#matrix a[href="${failingId}"]`).click();
      expect(new URL(page.url()).hash).to.equal(failingId);
      expect(await isInViewport(page, failingId)).to.equal(true);
      // The target's name in the matrix leads to its section.
      await page.locator('#matrix tbody th a', { hasText: 'ca1-and-ca2' }).click();
      expect(new URL(page.url()).hash).to.equal('#t1');
    });
  });

  it('wraps a long certificate subject instead of cutting it off', async () => {
    await openReport(
      sampleRunResults(),
      async (page) => {
        const blocks = page.locator(`${failingId} .evidence pre`);
        // (Strings, evaluated in the page: the project compiles without the DOM types.)
        const overflowing = await page.evaluate<number>(
          `[...document.querySelectorAll('${failingId} .evidence pre')].filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length`,
        );
        expect(await blocks.count()).to.be.greaterThan(5);
        expect(overflowing).to.equal(0);
        const subject = page.locator(`${failingId} .evidence pre`, { hasText: 'businessCategory=' });
        const box = await subject.boundingBox();
        expect(box?.x ?? 0).to.be.greaterThan(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).to.be.at.most(900);
      },
      { viewport: { width: 900, height: 900 } },
    );
  });

  it('shows an undecided scenario and an unreachable target as "? could not decide", with the reason', async () => {
    const partner = targetResult('partner', 'https://partner.example/wrong', ['ca1']);
    Object.assign(partner.scenarios[1]!, {
      verdict: 'fail',
      undecided: true,
      reason: 'expected accepted, but the answer is HTTP 404: nothing answers at /wrong',
      likelyCause: 'wrong URL path?',
    });
    const gone = {
      ...targetResult('gone', 'https://127.0.0.1:9/', ['ca1']),
      provider: 'url' as const,
      scenarios: [],
      error: 'cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
    };
    await openReport(
      runResults([partner, gone]),
      async (page) => {
        expect(await page.locator('header .totals').innerText()).to.equal(
          '2 targets, 15 scenarios: 14 passed, 0 failed, 1 could not decide; 1 target unreachable',
        );
        const cell = page.locator('#matrix td[data-verdict="undecided"] a').first();
        expect(await cell.innerText()).to.equal('?');
        expect(await cell.getAttribute('title')).to.equal(
          'trusted-client: could not decide: expected accepted, but the answer is HTTP 404: nothing answers at /wrong',
        );
        expect(await page.locator('#matrix tbody tr', { hasText: 'gone' }).innerText()).to.include(
          '? unreachable',
        );
        const attention = await page.locator('#attention').innerText();
        expect(attention).to.include('? partner › trusted-client (could not decide): expected accepted');
        expect(attention).to.include('likely cause: wrong URL path?');
        expect(attention).to.include(
          '? gone: target unreachable: cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
        );
        const undecided = page.locator('#t1-trusted-client');
        expect(await undecided.getAttribute('open')).to.equal('');
        expect(await undecided.locator('summary').innerText()).to.include(
          'could not decide: expected accepted',
        );
      },
      { javaScriptEnabled: false },
    );
  });

  it('shows hostile names and bodies as text: no script runs, nothing external is fetched', async () => {
    await openReport(hostileRunResults(), async (page, requests) => {
      expect(await page.evaluate('typeof window.__pwned')).to.equal('undefined');
      const text = await page.locator('#evidence').innerText();
      expect(text).to.include('evil<script>window.__pwned=1</script>');
      expect(await page.locator('#matrix tbody th').allInnerTexts()).to.include(
        'evil<script>window.__pwned=1</script>',
      );
      expect(text).to.include('title ]]> with "quotes" & \\x1B[31mred\\x1B[0m\\x00');
      const failing = await page.locator(failingId).innerText();
      expect(failing).to.include('<script>alert(1)</script> ]]> \\x07');
      expect(failing).to.include('http://evil.example/a.mp4');
      expect(failing).to.include('CN=evil.example/logo.png');
      expect(
        await page.locator('img, video, source, script, iframe, a[href^="http"], a[href^="data"]').count(),
      ).to.equal(0);
      expect(requests.filter((url) => !url.startsWith('file:'))).to.deep.equal([]);
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
      expect(await page.locator('details[data-verdict="not-run"]').count()).to.equal(10);
      expect(await page.locator('header').innerText()).to.include('Interrupted');
      expect(await page.locator('#t1-tls-1\\.3 summary').innerText()).to.include(
        'not run: the run was interrupted',
      );
    });
  });

  it('makes the screenshot of docs/ from the sample run (UPDATE_REPORT_SCREENSHOT=1 writes it there)', async () => {
    await openReport(
      sampleRunResults(),
      async (page) => {
        const screenshot = process.env.UPDATE_REPORT_SCREENSHOT
          ? docsScreenshot
          : join(dir, 'screenshot.png');
        await page.screenshot({ path: screenshot, fullPage: false });
        expect((await stat(screenshot)).size).to.be.greaterThan(10_000);
      },
      { viewport: { width: 1280, height: 1100 } },
    );
  });
});

/** Whether the top of the element `selector` names is on screen: what a reader sees after following a link. */
async function isInViewport(page: Page, selector: string): Promise<boolean> {
  const top = await page.evaluate<number>(
    `document.querySelector('${selector}').getBoundingClientRect().top`,
  );
  const height = page.viewportSize()?.height ?? 0;
  return top > -2 && top < height;
}
