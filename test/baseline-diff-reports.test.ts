import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMochawesomeDiffReport } from '../harness/baseline/diff-mochawesome-report.ts';
import { diffRuns } from '../harness/baseline/diff-runs.ts';
import { renderDiffTable } from '../harness/baseline/render-diff-table.ts';
import { diffTitle, writeDiffReports } from '../harness/baseline/write-diff-reports.ts';
import { HarnessError } from '../harness/common/harness-error.ts';
import { runResults, targetResult } from './support/report-sample-results.ts';

const url = 'https://127.0.0.1:8443/healthcheck';
const baseline = () => runResults([targetResult('gateway', url, ['ca1', 'ca2'])]);

/** The seed's change (ca2 removed: second-ca-client newly-rejected) plus a reported-only verdict change. */
function seedDiff() {
  const current = runResults([targetResult('gateway', url, ['ca1', 'ca2'], ['ca1'])]);
  Object.assign(
    current.targets[0]!.scenarios.find((scenario) => scenario.id === 'wrong-eku')!,
    {
      observed: null,
      verdict: 'skip',
      reason: 'skipped by config: the gateway checks EKU upstream',
    },
  );
  return diffRuns(baseline(), current, { files: { baseline: '/ci/baseline.json' } });
}

describe('baseline: diff reports', () => {
  it('prints a table: one row per difference, ✘ where it fails the gate, and the gate verdict', () => {
    const lines = renderDiffTable(seedDiff()).trimEnd().split('\n');
    expect(lines[0]).to.equal(
      'Compared with /ci/baseline.json (run of 2026-03-02T10:00:00.000Z): 2 differences, 13 scenarios unchanged.',
    );
    expect(lines[1]).to.equal('  category         target   scenario          what changed');
    expect(lines[2]).to.match(
      /^✘ newly-rejected {3}gateway {2}second-ca-client {2}was accepted at http: HTTP 200 from the server; now rejected at after-handshake: server sent TLS alert 42 bad_certificate after the handshake$/,
    );
    expect(lines[3]).to.equal(
      '• verdict-changed  gateway  wrong-eku         verdict pass → skip: skipped by config: the gateway checks EKU upstream',
    );
    expect(lines[4]).to.equal('Gate (--fail-on newly-accepted,newly-rejected): failed by 1 difference.');
  });

  it('says so in two lines when nothing changed', () => {
    const text = renderDiffTable(diffRuns(baseline(), baseline()));
    expect(text).to.equal(
      'Compared with the baseline (run of 2026-03-02T10:00:00.000Z): 0 differences, 15 scenarios unchanged.\n' +
        'Gate (--fail-on newly-accepted,newly-rejected): passed.\n',
    );
  });

  it('builds a mochawesome report: a suite per category, failed tests for the gate, pending for the rest', () => {
    const report = toMochawesomeDiffReport(seedDiff());
    const suites = report.results[0]!.suites;
    expect(suites.map((suite) => suite.title)).to.deep.equal([
      'newly-rejected: a client that got in is now refused (or cannot connect)',
      'verdict-changed: the verdict changed while what the server did did not (e.g. the expectation or a skip)',
      'unchanged',
    ]);
    const [rejected, verdict, unchanged] = suites.map((suite) => suite.tests[0]!);
    expect(rejected).to.include({
      title: 'gateway › second-ca-client: Client certificate from the second CA (same subject DN as ca1)',
      state: 'failed',
      fail: true,
    });
    expect(rejected!.err.message).to.match(/^newly-rejected: was accepted at http/);
    const contexts = JSON.parse(rejected!.context!) as { title: string; value: string }[];
    expect(contexts.map((context) => context.title)).to.deep.equal([
      'Difference',
      'Gate',
      'Baseline',
      'This run',
      'Runs compared',
    ]);
    expect(contexts[1]!.value).to.equal('fails the gate (--fail-on newly-accepted,newly-rejected)\n');
    expect(verdict).to.include({ state: 'pending', pending: true });
    expect(unchanged).to.include({ title: '13 scenarios in both runs with no difference', state: 'passed' });
    expect(report.stats).to.include({ suites: 3, tests: 3, passes: 1, failures: 1, pending: 1 });
    // Deterministic: the same diff gives the same report.
    expect(JSON.stringify(toMochawesomeDiffReport(seedDiff()))).to.equal(JSON.stringify(report));
  });

  describe('writeDiffReports', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'baseline-diff-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('writes diff.json and a self-contained diff.html, and leaves nothing else behind', async () => {
      const diff = seedDiff();
      const files = await writeDiffReports(diff, join(dir, 'reports'));
      expect(files).to.deep.equal({
        html: join(dir, 'reports', 'diff.html'),
        json: join(dir, 'reports', 'diff.json'),
      });
      expect(JSON.parse(await readFile(files.json, 'utf8'))).to.deep.equal(diff);
      const html = await readFile(files.html, 'utf8');
      expect(html).to.include(`<title>${diffTitle(diff)}</title>`);
      expect(html).to.not.match(/<(?:script|link)[^>]+(?:src|href)="https?:/);
      expect((await readdir(join(dir, 'reports'))).sort()).to.deep.equal(['diff.html', 'diff.json']);
      expect(diffTitle(diff)).to.equal(
        'mtls-conformance diff: 1 newly-rejected, 1 verdict-changed — gate failed',
      );
    });

    it('refuses a report folder that is a file, in one line that says what to do', async () => {
      const file = join(dir, 'not-a-folder');
      await writeFile(file, '');
      try {
        await writeDiffReports(seedDiff(), file);
        expect.fail('wrote into a file');
      } catch (error) {
        expect(error).to.be.instanceOf(HarnessError);
        expect((error as Error).message).to.equal(
          `Cannot write the diff reports in ${file}: it, or a folder on its path, is a file. Choose a writable folder with --report-dir.`,
        );
      }
    });
  });
});
