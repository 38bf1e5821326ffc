import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../harness/cli/run-cli.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { writeRunReports } from '../harness/report/write-run-reports.ts';
import { captureProcessOutput } from './support/capture-process-output.ts';
import { collectStream } from './support/collect-stream.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { sampleRunResults } from './support/report-sample-results.ts';

const packageVersion = (
  JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('the tool version: --version, results.json and report.html', function () {
  this.timeout(60_000);
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'mtlsc-version-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the package version alone on stdout and exits 0 (the real CLI)`, async () => {
      const result = await runCliProcess([flag]);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal(`${packageVersion}\n`);
      expect(result.stderr).to.equal('');
    });
  }

  it('--version wins over a command, which does not run', async () => {
    const stderr = collectStream();
    const run = await captureProcessOutput(() =>
      runCli(['fixtures', '--out', join(work, 'no'), '--version'], stderr),
    );
    expect(run.result, stderr.text()).to.equal(0);
    expect(run.stdout).to.equal(`${packageVersion}\n`);
    expect(await readFile(join(work, 'no', 'manifest.json')).catch(() => 'absent')).to.equal('absent');
  });

  it('results.json of a run records the version that judged it', async () => {
    await testFixtures();
    const reportDir = join(work, 'reports');
    const result = await runCliProcess(
      [
        'run',
        '--fixtures',
        testFixturesDir,
        '--fixtures-passphrase-env',
        'FIXTURE_PASS',
        '--report-dir',
        reportDir,
      ],
      { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
    );
    expect(result.code, result.stderr).to.equal(0);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    expect(results.tool).to.deep.equal({ name: 'mtls-conformance', version: packageVersion });
    expect(await readFile(join(reportDir, 'report.html'), 'utf8')).to.include(
      `<dt>Tool</dt><dd>mtls-conformance ${packageVersion}</dd>`,
    );
  });

  it("report.html's header shows the version results.json records, not the one rendering it", async () => {
    const results = { ...sampleRunResults(), tool: { name: 'mtls-conformance', version: '9.8.7' } } as const;
    const files = await writeRunReports({ results, reportDir: join(work, 'saved') });
    const html = await readFile(files.html, 'utf8');
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).to.include('<dt>Tool</dt><dd>mtls-conformance 9.8.7</dd>');
    expect(header).not.to.include(packageVersion);
  });
});
