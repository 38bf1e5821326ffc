import { expect } from 'chai';
import { passingEvidenceUpToTargets, renderRunReportHtml } from '../harness/report/run-report-html.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { failingScenario, runResults, sampleRunResults } from './support/report-sample-results.ts';

/** The sample's two targets (one with a failure) repeated under new names. */
function repeated(count: number): RunResults {
  const sample = sampleRunResults();
  return runResults(
    Array.from({ length: count }, (_, index) => ({
      ...sample.targets[index % sample.targets.length]!,
      name: `endpoint-${index}`,
    })),
  );
}

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
const links = (html: string) => [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);

describe('report.html of a large run: the matrix and every failure, passes in a line (issue 21)', () => {
  const large = renderRunReportHtml(repeated(passingEvidenceUpToTargets + 2), 'large');
  const small = renderRunReportHtml(repeated(passingEvidenceUpToTargets), 'small');

  it(`up to ${passingEvidenceUpToTargets} targets, every scenario keeps its evidence`, () => {
    expect(small).not.to.include('class="passes"');
    expect(small.match(/<details class="scenario"[^>]*data-verdict="pass"/g)?.length).to.be.greaterThan(1000);
  });

  it('past that, passes are one line per target, failures keep their open evidence', () => {
    expect(large).to.match(/<p>102 targets: each pass shows its verdict and reason here/);
    expect(large).not.to.match(/<details class="scenario"[^>]*data-verdict="pass"/);
    expect(large.match(/<p class="passes">/g)).to.have.length(102);
    const failures = large.match(
      /<details class="scenario" id="[^"]*-second-ca-client" data-verdict="fail" open>/g,
    );
    expect(failures, `the ${failingScenario.target} targets' failure`).to.have.length(51);
    expect(large).to.match(/data-verdict="fail" open>.*<div class="evidence"><h4>/);
  });

  it('every link of the page, matrix cells included, still lands on an element of it', () => {
    const present = ids(large);
    const targets = links(large);
    expect(targets.length).to.be.greaterThan(102 * 15);
    for (const target of targets) expect(present.has(target), target).to.equal(true);
  });

  it('is a fraction of the size it would be with every pass in full', () => {
    expect(large.length).to.be.lessThan(small.length * 0.6);
  });
});
