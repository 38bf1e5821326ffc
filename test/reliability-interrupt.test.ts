import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { NGINX_DIR_PREFIX } from '../harness/targets/nginx-process-target.ts';
import { closedPort, startFaultServer, type StartedFaultServer } from './support/fault-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { childrenOf, isAlive, listeningAddressesOf, startCliProcess } from './support/started-cli-process.ts';
import { processesMatching, tempEntriesStartingWith } from './support/target-leftovers.ts';

const env = { FIXTURE_PASS: testPassphrase };
const fixtureFlags = ['--fixtures-passphrase-env', 'FIXTURE_PASS'];
const reportNames = ['junit.xml', 'report.html', 'results.json'];
/** 127.0.0.0/8, or ::1 as /proc/net/tcp6 prints it. */
const loopback = /^(127\.\d+\.\d+\.\d+|00000000000000000000000001000000)$/;

describe('reliability: interrupted and killed runs', function () {
  this.timeout(180_000);
  let work: string;
  let slow: StartedMockMtlsServer;
  let blackHole: StartedFaultServer;

  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-interrupt-'));
    // Every request waits 400 ms for its answer: with concurrency 1 a run advances a probe at a time.
    slow = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withRefusal('http')
      .withRoute('*', '/healthcheck', async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { status: 200, body: { status: 'ok' } };
      })
      .start();
    blackHole = await startFaultServer('black-hole');
  });
  after(async () => {
    await slow?.stop();
    await blackHole?.close();
    await rm(work, { recursive: true, force: true });
  });

  /** A config whose first target is slow; the others are started by the run and must be stopped by it. */
  async function writeSlowConfig(name: string): Promise<string> {
    const file = join(work, `${name}.yaml`);
    await writeFile(
      file,
      [
        `fixtures: ${JSON.stringify(testFixturesDir)}`,
        'concurrency: 1',
        'timeouts: { connectMs: 30000, handshakeMs: 30000, responseMs: 30000 }',
        'targets:',
        `  - { name: slow, url: "${slow.url}/healthcheck", trusts: [ca1], serverCa: ca1 }`,
        `  - { name: ${name}-nginx, provider: nginx, trusts: [ca1] }`,
        `  - { name: ${name}-mock, provider: mock, trusts: [ca1] }`,
      ].join('\n'),
    );
    return file;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: stops starting probes, stops its servers, writes what finished, the rest not-run, exit 130`, async () => {
      const name = signal.toLowerCase();
      const config = await writeSlowConfig(name);
      const reportDir = join(work, `reports-${name}`);
      const cli = startCliProcess(['run', '--config', config, ...fixtureFlags, '--report-dir', reportDir], {
        cwd: work,
        env,
      });
      // Two scenarios finished: the run is under way, with scenarios still to start.
      await cli.waitForStderr(/(^\[ *\d+\/\d+\] .*\n){2}/m);

      // What the run started: nginx (a child process) and sockets it listens on, all on loopback.
      const children = await childrenOf(cli.pid);
      expect(children, 'the nginx target runs as a child of the CLI').to.have.length.greaterThan(0);
      const listening = await listeningAddressesOf(cli.pid);
      expect(listening, 'the mock target listens').to.have.length.greaterThan(0);
      for (const address of listening) expect(address).to.match(loopback);

      const connectionsAtSignal = slow.connections.length;
      cli.kill(signal);
      const ended = await cli.ended;

      expect(ended.code, ended.stderr).to.equal(130);
      expect(ended.stderr).to.include(
        `mtls-conformance: ${signal}: stopping the probes in flight, then writing the reports (${signal} again to exit sooner).`,
      );
      // Only the probe in flight (and the steps of its scenario) came after the signal.
      expect(slow.connections.length - connectionsAtSignal).to.be.at.most(4);

      expect((await readdir(reportDir)).sort()).to.deep.equal(reportNames);
      const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      expect(results.interrupted).to.equal(true);
      const verdicts = results.targets.flatMap((target) =>
        target.scenarios.map((scenario) => scenario.verdict),
      );
      const finished = verdicts.filter((verdict) => verdict !== 'not-run').length;
      expect(finished, 'finished scenarios are reported').to.be.at.least(2);
      expect(results.summary.notRun, 'unstarted scenarios are not-run').to.be.greaterThan(0);
      expect(results.summary.notRun).to.equal(verdicts.length - finished);
      for (const target of results.targets.slice(1)) {
        // The allow-list scenarios are skipped when planned (no allowedSubjects), before any probe.
        const planned = target.scenarios.filter((scenario) => !scenario.id.startsWith('allow-list-'));
        expect(unique(planned.map((scenario) => scenario.verdict)), target.name).to.deep.equal(['not-run']);
      }

      // Nothing left behind: the CLI's children are gone, no nginx of this run runs, its temp folder is removed.
      for (const pid of children) expect(await isAlive(pid), `child ${pid}`).to.equal(false);
      expect(await processesMatching(`${NGINX_DIR_PREFIX}${name}-nginx-`)).to.deep.equal([]);
      expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${name}-nginx-`)).to.deep.equal([]);
    });
  }

  /** A black-hole target (accepts TCP, never speaks) whose probes would each wait 20 s, then `extra`. */
  async function writeBlackHoleConfig(name: string, extra: readonly string[] = []): Promise<string> {
    const file = join(work, `${name}.yaml`);
    await writeFile(
      file,
      [
        `fixtures: ${JSON.stringify(testFixturesDir)}`,
        'concurrency: 2',
        'timeouts: { connectMs: 20000, handshakeMs: 20000, responseMs: 20000 }',
        'targets:',
        `  - { name: ${name}-hole, url: "${blackHole.url}", trusts: [ca1] }`,
        ...extra,
      ].join('\n'),
    );
    return file;
  }

  // In the main thread (the default here: the black hole keeps no thread busy) and on worker threads.
  for (const workers of [[], ['--workers', '2']]) {
    it(`SIGINT with probes in flight against a silent endpoint${workers.length > 0 ? ', on worker threads' : ''}: they are cancelled, exit 130 within seconds, not after their 20 s timeouts`, async () => {
      const name = workers.length > 0 ? 'in-flight-workers' : 'in-flight';
      const config = await writeBlackHoleConfig(name);
      const reportDir = join(work, `reports-${name}`);
      const cli = startCliProcess(
        ['run', '--config', config, ...fixtureFlags, '--report-dir', reportDir, ...workers],
        {
          cwd: work,
          env,
        },
      );
      await cli.waitForStderr(/^Running /m);
      const before = blackHole.connections();
      await waitUntil(() => blackHole.connections() >= before + 2);

      const signalledAt = performance.now();
      cli.kill('SIGINT');
      const ended = await cli.ended;
      const exitMs = performance.now() - signalledAt;

      expect(ended.code, ended.stderr).to.equal(130);
      // The probes wait 20 s for a handshake; the run ends in well under a second on a quiet machine.
      expect(exitMs, 'ms from SIGINT to exit').to.be.below(5000);
      expect((await readdir(reportDir)).sort()).to.deep.equal(reportNames);
      const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      expect(results.interrupted).to.equal(true);
      // The allow-list scenarios are skipped when planned (no allowedSubjects), before any probe.
      const scenarios = results.targets
        .flatMap((target) => target.scenarios)
        .filter((scenario) => !scenario.id.startsWith('allow-list-'));
      // Nothing was decided: the probes in flight are not run as well as the ones never started, and
      // none of them reads as a verdict about the server.
      expect(unique(scenarios.map((scenario) => scenario.verdict))).to.deep.equal(['not-run']);
      expect(results.summary.notRun).to.equal(scenarios.length);
      const cancelled = scenarios.filter((scenario) => scenario.observed !== null);
      expect(cancelled, 'the probes in flight at the signal').to.have.length.of.at.least(1);
      for (const scenario of cancelled) {
        expect(scenario.reason).to.equal('not run: the run was interrupted while its probe was in flight');
        expect(scenario.observed).to.include({ outcome: 'error', interrupted: true });
        // The black hole accepted the connection; the CLI may not have seen it yet when the signal came.
        expect(scenario.observed?.stage).to.be.oneOf(['tcp', 'tls-handshake']);
      }
      if (workers.length > 0)
        expect(ended.stderr).to.include('Probes now run on 2 worker thread(s): --workers 2.');
    });
  }

  it('a second signal: the nginx folder holding the server key is removed at once, exit 130, no leftovers', async () => {
    const name = 'double';
    const config = await writeBlackHoleConfig(name, [
      `  - { name: ${name}-nginx, provider: nginx, trusts: [ca1] }`,
    ]);
    const reportDir = join(work, 'reports-double');
    const cli = startCliProcess(['run', '--config', config, ...fixtureFlags, '--report-dir', reportDir], {
      cwd: work,
      env,
    });
    await cli.waitForStderr(/^Running /m);
    const before = blackHole.connections();
    await waitUntil(() => blackHole.connections() >= before + 2);
    // The run's nginx runs from its private folder, with a copy of the server key in it.
    const folders = await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${name}-nginx-`);
    expect(folders, 'the nginx target runs from its temp folder').to.have.length(1);
    const children = await childrenOf(cli.pid);

    // Back to back, as a CI runner that follows SIGINT with SIGTERM, or a person pressing Ctrl-C twice.
    cli.kill('SIGINT');
    cli.kill('SIGTERM');
    const ended = await cli.ended;

    expect(ended.code, ended.stderr).to.equal(130);
    // Two signals pending at once may be handled in either order.
    expect(ended.stderr).to.match(
      /^mtls-conformance: SIG(INT|TERM) again: removed the targets' temporary folders; exiting within 1000 ms, with the reports if they are written by then\.$/m,
    );
    expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${name}-nginx-`)).to.deep.equal([]);
    expect(await processesMatching(`${NGINX_DIR_PREFIX}${name}-nginx-`)).to.deep.equal([]);
    for (const pid of children) expect(await isAlive(pid), `child ${pid}`).to.equal(false);
    // The cancelled run ends within a few hundred ms, inside the second signal's grace: reports whole.
    expect((await readdir(reportDir)).sort()).to.deep.equal(reportNames);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    expect(results.interrupted).to.equal(true);
  });

  it('SIGKILL mid-run: the reports of the previous run stay whole and parseable', async () => {
    const reportDir = join(work, 'reports-killed');
    const down = `https://127.0.0.1:${await closedPort()}/healthcheck`;
    const first = await runCliProcess(
      [
        'run',
        '--target',
        down,
        '--trusts',
        'ca1',
        '--fixtures',
        testFixturesDir,
        ...fixtureFlags,
        '--report-dir',
        reportDir,
      ],
      { cwd: work, env },
    );
    expect(first.code, first.stderr).to.equal(1);
    const before = await Promise.all(reportNames.map((file) => readFile(join(reportDir, file))));

    const cli = startCliProcess(
      [
        'run',
        '--target',
        blackHole.url,
        '--trusts',
        'ca1',
        '--fixtures',
        testFixturesDir,
        ...fixtureFlags,
        '--report-dir',
        reportDir,
      ],
      { cwd: work, env },
    );
    await cli.waitForStderr(/^Running /m);
    await waitUntil(() => blackHole.connections() > 0);
    cli.kill('SIGKILL');
    expect((await cli.ended).signal).to.equal('SIGKILL');

    // Nothing partial or temporary; only the killed run's lock, which no code could remove after SIGKILL:
    // the next run finds its pid gone and replaces it (test/report-folder-checks.test.ts).
    expect((await readdir(reportDir)).sort(), 'no partial or temporary file').to.deep.equal([
      '.mtls-conformance.lock',
      ...reportNames,
    ]);
    const lock = JSON.parse(await readFile(join(reportDir, '.mtls-conformance.lock'), 'utf8')) as {
      pid: number;
    };
    expect(lock.pid).to.equal(cli.pid);
    const after = await Promise.all(reportNames.map((file) => readFile(join(reportDir, file))));
    after.forEach((data, index) => expect(data.equals(before[index]!), reportNames[index]).to.equal(true));
    const results = JSON.parse(after[2]!.toString('utf8')) as RunResults;
    expect(results.targets[0]!.url).to.equal(down);
  });

  it('an exception no command caught is an internal error: one line, exit 2 (not 1, "nonconformant")', async () => {
    // A defect injected into the CLI process: a signal handler that throws, outside every command.
    // (NODE_OPTIONS splits on spaces, hence none in the module.)
    const inject =
      "--import=data:text/javascript,process.on('SIGUSR2',()=>{throw(Error('injected-defect'))})";
    const cli = startCliProcess(
      [
        'run',
        '--target',
        blackHole.url,
        '--trusts',
        'ca1',
        '--fixtures',
        testFixturesDir,
        ...fixtureFlags,
        '--report-dir',
        join(work, 'reports-crash'),
      ],
      { cwd: work, env: { ...env, NODE_OPTIONS: inject } },
    );
    await cli.waitForStderr(/^Running /m);
    cli.kill('SIGUSR2');
    const ended = await cli.ended;
    expect(ended.code, ended.stderr).to.equal(2);
    const lines = ended.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).to.equal(
      'mtls-conformance: internal error (uncaught exception): injected-defect (run again with --debug for the stack trace)',
    );
    expect(ended.stderr).not.to.match(/\n\s+at /);
  });
});

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Polls `condition` every 20 ms, for at most 10 s. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
