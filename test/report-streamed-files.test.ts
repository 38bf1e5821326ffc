import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { junitXmlChunks, renderJunitXml } from '../harness/report/junit-xml.ts';
import { resultsJsonChunks } from '../harness/report/results-json-chunks.ts';
import { renderRunReportHtml, runReportHtmlChunks } from '../harness/report/run-report-html.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { writeRunReports } from '../harness/report/write-run-reports.ts';
import { hostileRunResults, runResults, sampleRunResults } from './support/report-sample-results.ts';

/** Results of many targets, as a large run makes: the sample's targets repeated under new names. */
function manyTargets(count: number): RunResults {
  const sample = sampleRunResults();
  const targets = Array.from({ length: count }, (_, index) => ({
    ...sample.targets[index % sample.targets.length]!,
    name: `endpoint-${index}`,
  }));
  return runResults(targets);
}

describe('report: results.json, junit.xml and report.html written a target at a time (issue 21)', () => {
  const cases: [string, () => RunResults][] = [
    ['the sample run', sampleRunResults],
    ['hostile text (quotes, control characters, markup, unicode)', hostileRunResults],
    ['no targets', () => runResults([])],
    [
      'an interrupted shard',
      () => ({
        ...runResults(sampleRunResults().targets, true),
        shard: { index: 2, total: 3, allTargets: 7 },
      }),
    ],
    ['120 targets', () => manyTargets(120)],
  ];
  for (const [name, make] of cases) {
    it(`${name}: results.json is byte for byte JSON.stringify(results, null, 2)`, () => {
      const results = make();
      expect([...resultsJsonChunks(results)].join('')).to.equal(`${JSON.stringify(results, null, 2)}\n`);
    });
  }

  it('results.json comes in one piece per target (plus the fields around them)', () => {
    const results = manyTargets(50);
    expect([...resultsJsonChunks(results)].length).to.be.greaterThan(50);
  });

  it('junit.xml comes in one piece per target, and the pieces make renderJunitXml', () => {
    const results = manyTargets(50);
    const chunks = [...junitXmlChunks(results)];
    expect(chunks).to.have.length(50 + 3);
    expect(chunks.join('')).to.equal(renderJunitXml(results));
  });

  it('report.html comes in one piece per target, the evidence numbered as on the page', () => {
    const results = manyTargets(50);
    const chunks = [...runReportHtmlChunks(results, 'title')];
    expect(chunks.length).to.be.greaterThan(50);
    expect(chunks.join('')).to.equal(renderRunReportHtml(results, 'title'));
    expect(chunks.join('')).to.include('<section class="target" id="t50">');
    expect(chunks.join('')).not.to.include('NaN');
  });

  it('writeRunReports writes exactly those bytes, past the 1 MiB write batches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mtlsc-streamed-'));
    try {
      const results = manyTargets(400);
      const files = await writeRunReports({ results, reportDir: dir });
      const json = await readFile(files.json, 'utf8');
      expect(json.length, 'more than one write batch').to.be.greaterThan(1 << 20);
      expect(json).to.equal(`${JSON.stringify(results, null, 2)}\n`);
      expect(await readFile(files.junit, 'utf8')).to.equal(renderJunitXml(results));
      const html = await readFile(files.html, 'utf8');
      const title = /<title>(.*)<\/title>/.exec(html)?.[1] ?? '';
      expect(html).to.equal(renderRunReportHtml(results, title));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
