import { expect } from 'chai';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunDiff } from '../harness/baseline/run-diff.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { findFreePort } from '../harness/targets/free-port.ts';
import { isSpawnFailure, spawnTargetProcess, type TargetProcess } from '../harness/targets/target-process.ts';
import { waitForTls } from '../harness/targets/wait-for-tls.ts';
import { writeNginxFiles } from '../harness/targets/write-nginx-files.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { withPage } from './support/open-in-browser.ts';
import { runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';

// The Open Banking seed's trust change, end to end: a real nginx with `ssl_verify_client on` on one
// fixed port (the gateway's URL must stay the same across runs), its client-ca.pem edited and nginx
// restarted, as the seed restarts its ingress after editing the root-CA secret. The team's declaration
// (`--trusts ca1,ca2`) never changes: the gateway does.

const nginxBinary = '/usr/sbin/nginx';

/** One nginx process serving the fixtures' server certificate on 127.0.0.1:port, restartable in place. */
class LocalGateway {
  #process: TargetProcess | undefined;
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}/healthcheck`;
  }

  /** (Re)writes nginx.conf and client-ca.pem for `trusts` and (re)starts nginx on the same port. */
  async restart(trusts: string[]): Promise<void> {
    await this.stop();
    const files = await writeNginxFiles({
      dir: this.dir,
      declaration: { name: 'gateway', trusts, rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
      fixtures: await testFixtures(),
      options: {},
      listen: `127.0.0.1:${this.port}`,
    });
    const started = await spawnTargetProcess(nginxBinary, [
      '-p',
      `${this.dir}/`,
      '-c',
      files.config,
      '-g',
      'daemon off;',
    ]);
    if (isSpawnFailure(started)) throw new Error(`cannot run ${nginxBinary}: ${started.code}`);
    this.#process = started;
    await waitForTls({
      port: this.port,
      timeoutMs: 10_000,
      gaveUp: () => {
        const exited = started.exitReason();
        return exited === undefined ? undefined : `nginx ${exited}: ${started.output()}`;
      },
    });
  }

  async stop(): Promise<void> {
    await this.#process?.stop();
    this.#process = undefined;
  }
}

describe('baseline: the seed trust change on a real nginx (run --baseline, report diff)', function () {
  this.timeout(180_000);
  const env = { FIXTURE_PASS: testPassphrase };
  let work: string;
  let gateway: LocalGateway;

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'baseline-story-'));
    const nginxDir = await mkdtemp(join(tmpdir(), 'baseline-nginx-'));
    // As root, nginx's worker runs as `nobody` and must reach the temp paths in its prefix.
    if (process.getuid?.() === 0) await chmod(nginxDir, 0o711);
    gateway = new LocalGateway(nginxDir, await findFreePort());
  });

  after(async () => {
    await gateway?.stop();
    if (gateway) await rm(gateway.dir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  interface RunOutcome extends CliProcessResult {
    reportDir: string;
    results: () => Promise<RunResults>;
    diff: () => Promise<RunDiff>;
  }

  /**
   * `run` against the gateway as its team declares it: trusting ca1 and ca2, server certificate from ca1,
   * and nginx's known gap declared (OpenSSL never refuses a CA:TRUE client certificate, docs/key-matrix.md).
   */
  async function run(name: string, extra: string[] = []): Promise<RunOutcome> {
    const reportDir = join(work, name);
    const config = join(work, `${name}.yaml`);
    await writeFile(
      config,
      [
        'targets:',
        '  - name: gateway',
        `    url: ${gateway.url}`,
        '    trusts: [ca1, ca2]',
        '    serverCa: ca1',
        '    scenarios: { expect: { ca-true-leaf: { expected: accepted, reason: "OpenSSL does not check CA:TRUE" } } }',
        '',
      ].join('\n'),
    );
    const result = await runCliProcess(
      [
        'run',
        '--fixtures',
        testFixturesDir,
        '--fixtures-passphrase-env',
        'FIXTURE_PASS',
        '--config',
        config,
        '--report-dir',
        reportDir,
        ...extra,
      ],
      { cwd: work, env },
    );
    return {
      ...result,
      reportDir,
      results: async () => JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults,
      diff: async () => JSON.parse(await readFile(join(reportDir, 'diff.json'), 'utf8')) as RunDiff,
    };
  }

  const differences = (diff: RunDiff) =>
    diff.differences.map(
      (difference) => `${difference.category} ${difference.target} › ${difference.scenario?.id ?? '-'}`,
    );
  const failing = (results: RunResults) =>
    results.targets.flatMap((target) =>
      target.scenarios.filter((scenario) => scenario.verdict === 'fail').map((scenario) => scenario.id),
    );

  const files: Record<'bothCas' | 'ca1Only' | 'changedBack', string> = {
    bothCas: '',
    ca1Only: '',
    changedBack: '',
  };

  it('baseline: nginx trusts ca1+ca2 as declared; every scenario passes, exit 0', async () => {
    await gateway.restart(['ca1', 'ca2']);
    const baseline = await run('1-both-cas');
    expect(baseline.code, baseline.stderr).to.equal(0);
    const results = await baseline.results();
    expect(failing(results)).to.deep.equal([]);
    expect(results.targets[0]!.url).to.equal(gateway.url);
    files.bothCas = join(baseline.reportDir, 'results.json');
  });

  it('nginx restarted trusting ca1 only: exactly second-ca-client is newly rejected, exit 1', async () => {
    await gateway.restart(['ca1']);
    const changed = await run('2-ca1-only', ['--baseline', files.bothCas]);
    expect(changed.code, changed.stderr).to.equal(1);
    const diff = await changed.diff();
    expect(differences(diff)).to.deep.equal(['newly-rejected gateway › second-ca-client']);
    expect(diff.gate).to.deep.equal({ failOn: ['newly-accepted', 'newly-rejected'], failed: true });
    const [difference] = diff.differences;
    expect(difference!.before).to.include({ outcome: 'accepted', httpStatus: 200 });
    // nginx refuses at HTTP: 400 "The SSL certificate error".
    expect(difference!.after).to.include({ outcome: 'rejected', stage: 'http', httpStatus: 400 });
    expect(changed.stdout).to.match(/^✘ newly-rejected +gateway +second-ca-client +was accepted at http/m);
    expect(changed.stdout).to.include(
      'Gate (--fail-on newly-accepted,newly-rejected): failed by 1 difference.',
    );
    const reports = changed.stdout
      .trimEnd()
      .split('\n')
      .slice(-5)
      .map((line) => line.trim());
    expect(reports).to.deep.equal(
      ['report.html', 'junit.xml', 'results.json', 'diff.html', 'diff.json'].map((name) =>
        join(changed.reportDir, name),
      ),
    );
    files.ca1Only = join(changed.reportDir, 'results.json');
  });

  it('adopting the gate on a nonconformant gateway: the same known failure against its own baseline exits 0', async () => {
    const again = await run('3-ca1-only-again', ['--baseline', files.ca1Only]);
    expect(again.code, again.stderr).to.equal(0);
    expect(failing(await again.results())).to.deep.equal(['second-ca-client']);
    expect(differences(await again.diff())).to.deep.equal([]);
  });

  it('changed back to ca1+ca2: a clean diff against the first baseline, exit 0', async () => {
    await gateway.restart(['ca1', 'ca2']);
    const back = await run('4-changed-back', ['--baseline', files.bothCas]);
    expect(back.code, back.stderr).to.equal(0);
    const diff = await back.diff();
    expect(differences(diff)).to.deep.equal([]);
    expect(diff.unchanged).to.equal(25);
    expect(back.stdout).to.include('Gate (--fail-on newly-accepted,newly-rejected): passed.');
    files.changedBack = join(back.reportDir, 'results.json');
  });

  it('the reverse: from the CA1-only baseline, adding ca2 shows second-ca-client newly accepted, exit 1', async () => {
    const added = await run('5-ca2-added', ['--baseline', files.ca1Only]);
    expect(added.code, added.stderr).to.equal(1);
    expect(differences(await added.diff())).to.deep.equal(['newly-accepted gateway › second-ca-client']);
    // It fails the gate although this run is fully conformant: a client is let in that was refused.
    expect(failing(await added.results())).to.deep.equal([]);
  });

  it('report diff compares the saved files: the table on stderr, diff.json on stdout with --json, exit 1', async () => {
    const reportDir = join(work, 'report-diff');
    const result = await runCliProcess(
      ['report', 'diff', files.bothCas, files.ca1Only, '--report-dir', reportDir, '--json'],
      {
        cwd: work,
      },
    );
    expect(result.code, result.stderr).to.equal(1);
    const diff = JSON.parse(result.stdout) as RunDiff;
    expect(differences(diff)).to.deep.equal(['newly-rejected gateway › second-ca-client']);
    expect(diff.baseline.file).to.equal(files.bothCas);
    expect(JSON.parse(await readFile(join(reportDir, 'diff.json'), 'utf8'))).to.deep.equal(diff);
    expect(result.stderr).to.include(`Compared with ${files.bothCas}`);
    expect(
      result.stderr
        .trimEnd()
        .split('\n')
        .slice(-2)
        .map((line) => line.trim()),
    ).to.deep.equal([join(reportDir, 'diff.html'), join(reportDir, 'diff.json')]);
  });

  it('report diff exits by --fail-on: 0 when only other categories changed, 0 for the changed-back run', async () => {
    const reportDir = join(work, 'report-diff-gates');
    const onlyHoles = await runCliProcess(
      [
        'report',
        'diff',
        files.bothCas,
        files.ca1Only,
        '--report-dir',
        reportDir,
        '--fail-on',
        'newly-accepted',
      ],
      { cwd: work },
    );
    expect(onlyHoles.code, onlyHoles.stderr).to.equal(0);
    expect(onlyHoles.stderr).to.match(/^• newly-rejected /m);
    const clean = await runCliProcess(
      ['report', 'diff', files.bothCas, files.changedBack, '--report-dir', reportDir],
      {
        cwd: work,
      },
    );
    expect(clean.code, clean.stderr).to.equal(0);
    expect(clean.stdout).to.equal('');
  });

  it('the diff page, opened in headless Chromium, shows the category and the scenario and fetches nothing', async () => {
    await withPage(join(work, '2-ca1-only', 'diff.html'), async (page, requests) => {
      await page.locator('li[class*="test--component"]').first().waitFor();
      expect(await page.locator('li[class*="test--failed"]').count()).to.equal(1);
      const text = await page.locator('#details').innerText();
      expect(text).to.include('newly-rejected: a client that got in is now refused');
      expect(text).to.include('gateway › second-ca-client: ');
      expect(text).to.include('24 scenarios in both runs with no difference');
      const failed = page.locator('li[class*="test--failed"]');
      await failed.locator('summary').first().click();
      await failed.getByText('Additional Test Context').waitFor();
      const evidence = await failed.innerText();
      expect(evidence).to.include('fails the gate (--fail-on newly-accepted,newly-rejected)');
      expect(evidence).to.include('The SSL certificate error');
      expect(
        requests.filter((request) => !request.startsWith('file:') && !request.startsWith('data:')),
      ).to.deep.equal([]);
    });
  });

  it('--warn-expiry-days 100000: certificate-expiry fails with the certificates and their days left, exit 1', async () => {
    const warned = await run('6-expiry-large', ['--warn-expiry-days', '100000']);
    expect(warned.code, warned.stderr).to.equal(1);
    const results = await warned.results();
    expect(failing(results)).to.deep.equal(['certificate-expiry']);
    const check = results.targets[0]!.scenarios.at(-1)!;
    // The chain as the probe saw it: nginx sends the leaf, Node completes it with ca1 from --server-ca.
    const expiry = results.targets[0]!.expiry!;
    expect(
      expiry.certificates.map((certificate) => `${certificate.role} ${certificate.position ?? '-'}`),
    ).to.deep.equal(['server 0', 'server 1', 'client -']);
    expect(check.reason).to.match(
      /^3 certificates expire within 100000 days: server \[0\] localhost: \d+ days left \(notAfter [^)]+\); server \[1\] Axway Root CA: \d+ days left \(notAfter [^)]+\); client tpp1\.demo\.axway\.com: \d+ days left/,
    );
    expect(warned.stdout).to.match(
      /Certificate expiry \(days left\):\n {2}gateway {2}server localhost \d+ · server Axway Root CA \d+ · client tpp1\.demo\.axway\.com \d+\n/,
    );
    expect(warned.stdout).to.include(
      '✘ gateway › certificate-expiry: 3 certificates expire within 100000 days',
    );
  });

  it('--warn-expiry-days 1: certificate-expiry passes, exit 0', async () => {
    const calm = await run('7-expiry-small', ['--warn-expiry-days', '1']);
    expect(calm.code, calm.stderr).to.equal(0);
    const check = (await calm.results()).targets[0]!.scenarios.at(-1)!;
    expect([check.id, check.verdict]).to.deep.equal(['certificate-expiry', 'pass']);
  });

  it('with a baseline, the expiry check still fails the run: the diff cannot see a certificate running out', async () => {
    const gated = await run('8-expiry-with-baseline', [
      '--warn-expiry-days',
      '100000',
      '--baseline',
      files.bothCas,
    ]);
    expect(gated.code, gated.stderr).to.equal(1);
    const diff = await gated.diff();
    expect(diff.gate.failed).to.equal(false);
    expect(differences(diff)).to.deep.equal(['scenario-added gateway › certificate-expiry']);
  });
});
