import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockReportFolder } from '../harness/report/report-folder-lock.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { startEchoServer, type StartedEchoServer } from './support/echo-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';
import { cliPath, runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';
import { startCliProcess } from './support/started-cli-process.ts';

const env = { FIXTURE_PASS: testPassphrase };
const fixtureFlags = ['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'];
const lockName = '.mtls-conformance.lock';

/**
 * Issue 25: a report folder was checked only when the reports were written, after all the probing (a
 * path through a file, a read-only mount, a full disk: every result lost, exit 2 after network
 * traffic), and two runs into one folder both printed its paths while one's results were lost. The
 * real CLI runs here against an endpoint that counts connections, so "nothing was probed" is measured.
 * A read-only and a full file system are real ones: a tmpfs mounted inside a user and mount namespace
 * (`unshare --user --map-root-user --mount`), which needs no privilege and is gone with the process.
 */
describe('report folder: locked for one run, checked before the first probe', function () {
  this.timeout(180_000);
  let work: string;
  let endpoint: StartedEchoServer;
  let slow: StartedMockMtlsServer;
  let openGate: () => void = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));

  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-report-folder-'));
    endpoint = await startEchoServer(fixtures);
    // A request is answered only once the gate opens: a run against it is in progress until then.
    slow = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withRoute('*', '/healthcheck', async () => {
        await gate;
        return { status: 200, body: { status: 'ok' } };
      })
      .start();
  });
  after(async () => {
    openGate();
    await endpoint?.close();
    await slow?.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** `run --target` against the counting endpoint, into `reportDir`. */
  function runInto(reportDir: string, extra: string[] = []): Promise<CliProcessResult> {
    return runCliProcess(
      [
        'run',
        '--target',
        `${endpoint.url}/healthcheck`,
        '--trusts',
        'ca1',
        ...fixtureFlags,
        '--report-dir',
        reportDir,
        ...extra,
      ],
      { cwd: work, env, timeoutMs: 120_000 },
    );
  }

  describe('the folders the lock makes', () => {
    it('are removed on release when the run wrote nothing, so a refused run leaves nothing behind', async () => {
      const dir = join(work, 'made', 'deeper', 'reports');
      const lock = await lockReportFolder(dir);
      expect(await readdir(dir)).to.deep.equal([lockName]);
      await lock.release();
      expect(await readdir(work)).to.not.include('made');
    });

    it('are kept with what the run wrote, and a folder that was there before is never removed', async () => {
      const dir = join(work, 'kept', 'reports');
      const lock = await lockReportFolder(dir);
      await writeFile(join(dir, 'results.json'), '{}');
      await lock.release();
      expect(await readdir(dir)).to.deep.equal(['results.json']);
      const existing = join(work, 'existing');
      await mkdir(existing);
      await (await lockReportFolder(existing)).release();
      expect((await stat(existing)).isDirectory()).to.equal(true);
    });
  });

  describe('two runs into one folder', () => {
    it('the second is refused in one line naming the first, probes nothing, and the first finishes whole', async () => {
      const reports = join(work, 'shared');
      const config = join(work, 'slow.yaml');
      await writeFile(
        config,
        [
          `fixtures: ${JSON.stringify(testFixturesDir)}`,
          'concurrency: 1',
          'timeouts: { responseMs: 120000 }',
          'targets:',
          `  - { name: slow, url: "${slow.url}/healthcheck", trusts: [ca1], serverCa: ca1 }`,
        ].join('\n'),
      );
      const first = startCliProcess(
        ['run', '--config', config, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--report-dir', reports],
        { cwd: work, env },
      );
      // no-client-cert is refused at the handshake; trusted-client then waits at the gate.
      await first.waitForStderr(/^\[ *1\/\d+\] /m);
      const before = endpoint.connectionCount();
      const second = await runInto(reports).finally(openGate);
      expect(second.code, second.stderr).to.equal(2);
      expect(second.stderr).to.match(
        new RegExp(
          `^mtls-conformance: Cannot write the reports in ${escape(reports)}: another run is writing there \\(pid ${first.pid}, started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; lock file ${escape(join(reports, lockName))}\\)\\. Wait for it to end, or give this run another --report-dir\\.\\n$`,
        ),
      );
      expect(endpoint.connectionCount() - before, 'connections made by the refused run').to.equal(0);
      const ended = await first.ended;
      expect(ended.code, ended.stderr).to.be.oneOf([0, 1]);
      const results = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8')) as RunResults;
      expect(results.targets.map((target) => target.name)).to.deep.equal(['slow']);
      expect((await readdir(reports)).sort()).to.deep.equal(['junit.xml', 'report.html', 'results.json']);
    });

    it('a lock whose run is gone, or whose pid now belongs to another process, is replaced with a line', async () => {
      const ended = spawnSync(process.execPath, ['-e', '']);
      const cases = [
        { pid: ended.pid, startTicks: undefined, why: 'the process ended' },
        { pid: process.pid, startTicks: '1', why: 'the pid was given to another process' },
      ];
      for (const [index, { pid, startTicks, why }] of cases.entries()) {
        const reports = join(work, `stale-${index}`);
        await mkdir(reports);
        const lock = {
          pid,
          hostname: hostname(),
          ...(startTicks ? { startTicks } : {}),
          startedAt: '2020-01-01T00:00:00.000Z',
          id: 'x',
        };
        await writeFile(join(reports, lockName), JSON.stringify(lock));
        const result = await runInto(reports);
        expect(result.code, `${why}: ${result.stderr}`).to.equal(1);
        expect(result.stderr, why).to.include(
          `mtls-conformance: removed the lock of a run that no longer runs (pid ${pid}, started 2020-01-01T00:00:00.000Z) from ${reports}.\n`,
        );
        expect((await readdir(reports)).sort(), why).to.deep.equal([
          'junit.xml',
          'report.html',
          'results.json',
        ]);
      }
    });

    it('a lock from another host cannot be checked: it is respected, and the line says how to remove it', async () => {
      const reports = join(work, 'other-host');
      await mkdir(reports);
      const lock = { pid: 4242, hostname: 'ci-runner-7', startedAt: '2020-01-01T00:00:00.000Z', id: 'y' };
      await writeFile(join(reports, lockName), JSON.stringify(lock));
      const result = await runInto(reports);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.equal(
        `mtls-conformance: Cannot write the reports in ${reports}: another run is writing there (pid 4242 on host ci-runner-7, started 2020-01-01T00:00:00.000Z; lock file ${join(reports, lockName)}). Wait for it to end, or give this run another --report-dir; if that run is gone, remove ${join(reports, lockName)}.\n`,
      );
    });
  });

  describe('a folder that cannot take the reports', () => {
    let namespaces = false;
    before(function () {
      namespaces = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;
    });

    it('a path through a file: refused before the fixtures are made or a probe is sent', async () => {
      const file = join(work, 'a-file');
      await writeFile(file, 'not a folder');
      const fixtures = join(work, 'fixtures-never-made');
      const before = endpoint.connectionCount();
      for (const args of [
        ['run', '--fixtures', fixtures, '--report-dir', join(file, 'reports')],
        [
          'run',
          '--target',
          `${endpoint.url}/healthcheck`,
          '--trusts',
          'ca1',
          ...fixtureFlags,
          '--report-dir',
          join(file, 'reports'),
        ],
      ]) {
        const result = await runCliProcess(args, { cwd: work, env });
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr).to.equal(
          `mtls-conformance: Cannot write the reports in ${join(file, 'reports')}: it, or a folder on its path, is a file. Nothing was run; choose a writable folder with --report-dir.\n`,
        );
      }
      expect(endpoint.connectionCount() - before).to.equal(0);
      expect(await exists(fixtures), 'the demo generated no fixture set').to.equal(false);
    });

    for (const { name, setup, why } of [
      {
        name: 'a read-only file system',
        setup: 'mount -t tmpfs -o ro tmpfs "$M"',
        why: 'the file system is read-only',
      },
      {
        name: 'a report folder that exists on a read-only file system',
        setup: 'mount -t tmpfs tmpfs "$M" && mkdir "$M/reports" && mount -o remount,ro "$M"',
        why: 'the file system is read-only',
      },
      // One page, filled before the run: not even the lock file fits.
      {
        name: 'a full disk',
        setup: 'mount -t tmpfs -o size=4k tmpfs "$M" && head -c 4096 /dev/zero > "$M/fill"',
        why: 'no space left on the device',
      },
    ]) {
      it(`${name}: refused before the first probe (a tmpfs in a mount namespace)`, async function () {
        requireTool(
          this,
          namespaces,
          'unshare with user namespaces',
          'util-linux, and unprivileged user namespaces',
        );
        const mountPoint = await mkdtemp(join(work, 'mnt-'));
        const before = endpoint.connectionCount();
        const result = await runInNamespace(setup, mountPoint, [
          'run',
          '--target',
          `${endpoint.url}/healthcheck`,
          '--trusts',
          'ca1',
          ...fixtureFlags,
          '--report-dir',
          join(mountPoint, 'reports'),
        ]);
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr).to.equal(
          `mtls-conformance: Cannot write the reports in ${join(mountPoint, 'reports')}: ${why}. Nothing was run; choose a writable folder with --report-dir.\n`,
        );
        expect(endpoint.connectionCount() - before, 'connections').to.equal(0);
      });
    }

    it('a disk that fills up during the run: the summary is printed and results.json kept elsewhere', async function () {
      requireTool(
        this,
        namespaces,
        'unshare with user namespaces',
        'util-linux, and unprivileged user namespaces',
      );
      const mountPoint = await mkdtemp(join(work, 'mnt-'));
      const temp = await mkdtemp(join(work, 'tmp-'));
      const reports = join(mountPoint, 'reports');
      const before = endpoint.connectionCount();
      // Four pages: the lock fits, report.html does not.
      const result = await runInNamespace(
        'mount -t tmpfs -o size=16k tmpfs "$M"',
        mountPoint,
        [
          'run',
          '--target',
          `${endpoint.url}/healthcheck`,
          '--trusts',
          'ca1',
          ...fixtureFlags,
          '--report-dir',
          reports,
        ],
        { TMPDIR: temp },
      );
      expect(result.code, result.stderr).to.equal(2);
      expect(endpoint.connectionCount() - before, 'the run probed').to.be.greaterThan(0);
      expect(result.stdout, 'the summary').to.match(/1 target, \d+ scenarios: \d+ passed, \d+ failed/);
      const [folder] = await readdir(temp);
      const kept = join(temp, folder!, 'results.json');
      expect(result.stderr.split('\n').at(-2)).to.equal(
        `mtls-conformance: Cannot write the reports in ${reports}: no space left on the device. The reports there are unchanged; choose a writable folder with --report-dir. This run's results are kept in ${kept}; 'mtls-conformance report merge ${kept} --report-dir DIR' writes the reports from them.`,
      );
      expect(folder).to.match(/^mtls-conformance-results-/);
      expect((await stat(kept)).mode & 0o777).to.equal(0o600);
      const results = JSON.parse(await readFile(kept, 'utf8')) as RunResults;
      expect(results.targets[0]?.scenarios.length).to.be.greaterThan(10);
      // And the reports can be made from it, as the line says.
      const merged = await runCliProcess(['report', 'merge', kept, '--report-dir', join(work, 'recovered')], {
        cwd: work,
      });
      expect(merged.code, merged.stderr).to.equal(1);
      expect((await readdir(join(work, 'recovered'))).sort()).to.deep.equal([
        'junit.xml',
        'report.html',
        'results.json',
      ]);
    });
  });
});

/** Runs the CLI in new user and mount namespaces, after `setup` (a shell line that sees $M) ran there. */
function runInNamespace(
  setup: string,
  mountPoint: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<CliProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      [
        '--user',
        '--map-root-user',
        '--mount',
        'sh',
        '-c',
        `${setup} && exec "$@"`,
        'sh',
        process.execPath,
        cliPath,
        ...args,
      ],
      { env: { ...process.env, ...env, ...extraEnv, M: mountPoint }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
