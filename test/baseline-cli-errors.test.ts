import { expect } from 'chai';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli/run-cli.ts';
import { captureProcessOutput } from './support/capture-process-output.ts';
import { collectStream } from './support/collect-stream.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { sampleRunResults } from './support/report-sample-results.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// Bad input to the regression gate stops the CLI before any probe, with one line and exit 2. The cases
// run in this process through runCli (the CLI's whole parse-and-report path); one runs the real binary.

describe('baseline: bad input to run --baseline and report diff', function () {
  this.timeout(60_000);
  let dir: string;
  const fixtureArgs = ['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'];
  // Port 1: nothing listens there, and nothing may be sent anyway.
  const targetArgs = ['--target', 'https://127.0.0.1:1/healthcheck', '--trusts', 'ca1,ca2'];
  const runArgs = (d: string) => ['run', ...fixtureArgs, ...targetArgs, '--report-dir', join(d, 'reports')];

  before(async () => {
    await testFixtures();
    dir = await mkdtemp(join(tmpdir(), 'baseline-cli-'));
    await writeFile(join(dir, 'results.json'), JSON.stringify(sampleRunResults()));
    await writeFile(join(dir, 'report.html'), '<!doctype html><title>report</title>');
    await writeFile(join(dir, 'v2.json'), JSON.stringify({ ...sampleRunResults(), version: 2 }));
    // Node's JSON.parse message quotes the start of the input, newline included.
    await writeFile(join(dir, 'junk.json'), 'junk\nmore junk\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const fix = "Give the results.json an earlier 'mtls-conformance run' wrote into its --report-dir.";
  const cases: {
    title: string;
    args: (dir: string) => string[];
    message: (dir: string) => string | RegExp;
  }[] = [
    {
      title: 'run --baseline with a file that does not exist',
      args: (d) => [...runArgs(d), '--baseline', join(d, 'missing.json')],
      message: (d) => `Cannot read the --baseline file ${join(d, 'missing.json')}: no such file. ${fix}`,
    },
    {
      title: 'run --baseline with the HTML report instead of results.json',
      args: (d) => [...runArgs(d), '--baseline', join(d, 'report.html')],
      message: (d) =>
        `Cannot read the --baseline file ${join(d, 'report.html')}: it is not JSON (Unexpected token '<', "<!doctype "... is not valid JSON). ${fix}`,
    },
    {
      title: 'run --baseline with a short file of text lines',
      args: (d) => [...runArgs(d), '--baseline', join(d, 'junk.json')],
      message: (d) =>
        `Cannot read the --baseline file ${join(d, 'junk.json')}: it is not JSON (Unexpected token 'j', "junk more junk " is not valid JSON). ${fix}`,
    },
    {
      title: 'run --baseline with a results.json of a version this tool does not read',
      args: (d) => [...runArgs(d), '--baseline', join(d, 'v2.json')],
      message: (d) =>
        `Cannot read the --baseline file ${join(d, 'v2.json')}: it is results.json version 2, and this mtls-conformance reads version 1. Use an mtls-conformance that reads it, or make the baseline again with this one.`,
    },
    {
      title: 'run --fail-on with a misspelt category',
      args: (d) => [...runArgs(d), '--baseline', join(d, 'results.json'), '--fail-on', 'newly-rejcted'],
      message: () =>
        'Cannot use --fail-on "newly-rejcted": "newly-rejcted" is not a category. Allowed, comma-separated: newly-accepted, newly-rejected, rejection-changed, server-chain-changed, verdict-changed, scenario-added, scenario-removed, target-added, target-removed.',
    },
    {
      title: 'run --fail-on without --baseline',
      args: (d) => [...runArgs(d), '--fail-on', 'newly-accepted'],
      message: () =>
        'Cannot use --fail-on without --baseline: it chooses which differences from a baseline fail the run. Add --baseline with the results.json of an earlier run.',
    },
    {
      title: 'run --warn-expiry-days with a negative number',
      args: (d) => [...runArgs(d), '--warn-expiry-days', '-3'],
      message: () =>
        'Cannot use --warn-expiry-days "-3": it must be a whole number of days, 0 or more (e.g. 30).',
    },
    {
      title: 'run --warn-expiry-days with something that is not a number',
      args: (d) => [...runArgs(d), '--warn-expiry-days', 'soon'],
      message: () =>
        'Cannot use --warn-expiry-days "soon": it must be a whole number of days, 0 or more (e.g. 30).',
    },
    {
      title: 'report diff with a NEW file that does not exist',
      args: (d) => [
        'report',
        'diff',
        join(d, 'results.json'),
        join(d, 'nope.json'),
        '--report-dir',
        join(d, 'reports'),
      ],
      message: (d) => `Cannot read NEW ${join(d, 'nope.json')}: no such file. ${fix}`,
    },
    {
      title: 'report with no subcommand',
      args: () => ['report'],
      // Other subcommands (merge) join diff in the list.
      message: () => /^Name a report subcommand: diff\b.*\. See 'mtls-conformance <command> --help'\.$/,
    },
  ];

  for (const { title, args, message } of cases) {
    it(`${title}: one line, exit 2, no report written`, async () => {
      const stderr = collectStream();
      const code = await runCli(args(dir), stderr);
      expect(code, stderr.text()).to.equal(2);
      const expected = message(dir);
      const lines = stderr.text().split('\n');
      expect(lines, stderr.text()).to.have.length(2);
      expect(lines[1]).to.equal('');
      const text = lines[0]!.replace(/^mtls-conformance: /, '');
      if (typeof expected === 'string') expect(text).to.equal(expected);
      else expect(text).to.match(expected);
      const wrote = await access(join(dir, 'reports')).then(
        () => true,
        () => false,
      );
      expect(wrote, 'reports/ was created').to.equal(false);
    });
  }

  it('the installed binary prints only that line and exits 2', async () => {
    const result = await runCliProcess(
      ['run', ...fixtureArgs, ...targetArgs, '--baseline', join(dir, 'v2.json')],
      {
        cwd: dir,
        env: { FIXTURE_PASS: testPassphrase },
      },
    );
    expect(result.code, result.stderr).to.equal(2);
    expect(result.stderr).to.match(
      /^mtls-conformance: Cannot read the --baseline file .*v2\.json: it is results\.json version 2, [^\n]*\n$/,
    );
    expect(result.stdout).to.equal('');
  });

  it('report diff does not pass a NEW run that was interrupted, even with nothing newly accepted or rejected', async () => {
    const interrupted = sampleRunResults();
    interrupted.interrupted = true;
    const unfinished = interrupted.targets[1]!.scenarios.slice(3);
    for (const scenario of unfinished) {
      scenario.verdict = 'not-run';
      scenario.observed = null;
    }
    interrupted.summary.notRun = unfinished.length;
    const file = join(dir, 'interrupted.json');
    await writeFile(file, JSON.stringify(interrupted));
    const reportDir = join(dir, 'interrupted-diff');
    const stderr = collectStream();
    const captured = await captureProcessOutput(() =>
      runCli(['report', 'diff', join(dir, 'results.json'), file, '--report-dir', reportDir], stderr),
    );
    const printed = `${captured.stderr}${stderr.text()}`;
    expect(captured.result, printed).to.equal(1);
    expect(printed).to.include(
      `mtls-conformance: NEW ${file} is from an interrupted run (${unfinished.length} scenario(s) not run): the gate does not pass an incomplete run. Run it again to the end.\n`,
    );
    await rm(reportDir, { recursive: true, force: true });
  });
});
