import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { RunResults } from '../harness/report/run-results.ts';
import { CliSession } from './support/cli-session.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runClientSuite, scenarioOf } from './support/run-client-suite.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { runCurl } from './support/run-curl.ts';

const curlCommand = ['curl', '-sS', '--cert', '{cert}', '--key', '{key}', '--cacert', '{serverCa}', '{url}'];
const announcement = /point the client under test at (https:\/\/127\.0\.0\.1:\d+\/) within/;

describe('mtls-conformance run with a client target (end to end, the real CLI)', function () {
  this.timeout(120_000);
  let work: string;
  const env = { FIXTURE_PASS: testPassphrase };

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-client-run-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  async function writeConfig(
    name: string,
    targets: unknown[],
  ): Promise<{ config: string; reportDir: string }> {
    const config = join(work, `${name}.yaml`);
    await writeFile(config, stringify({ fixtures: testFixturesDir, targets }));
    return { config, reportDir: join(work, name) };
  }

  function runArgs(config: string, reportDir: string): string[] {
    return [
      'run',
      '--config',
      config,
      '--fixtures-passphrase-env',
      'FIXTURE_PASS',
      '--report-dir',
      reportDir,
    ];
  }

  const readResults = async (reportDir: string) =>
    JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;

  it('reports the client suite next to the server suite, in results.json, junit.xml and report.html', async () => {
    const { config, reportDir } = await writeConfig('both', [
      {
        name: 'mock-ca1',
        provider: 'mock',
        trusts: ['ca1'],
        scenarios: { only: ['no-client-cert', 'trusted-client'] },
      },
      {
        name: 'curl-client',
        suite: 'client',
        trusts: ['ca1'],
        client: { command: curlCommand, timeoutMs: 10000 },
      },
    ]);
    const result = await runCliProcess(runArgs(config, reportDir), { cwd: work, env });
    expect(result.code, result.stderr).to.equal(0);
    const results = await readResults(reportDir);
    expect(results.targets.map((target) => [target.name, target.suite])).to.deep.equal([
      ['mock-ca1', 'server'],
      ['curl-client', 'client'],
    ]);
    const client = results.targets[1]!;
    expect(client.url).to.equal(`command: ${curlCommand.join(' ')}`);
    expect(client.scenarios.map((scenario) => [scenario.id, scenario.verdict])).to.deep.equal([
      ['presents-certificate', 'pass'],
      ['refuses-untrusted-server', 'pass'],
      ['refuses-expired-server', 'pass'],
      ['refuses-wrong-hostname', 'pass'],
      ['refuses-legacy-tls', 'pass'],
      ['ca-hint-mismatch', 'pass'],
      ['refuses-weak-server-key', 'pass'],
      ['refuses-sha1-server-cert', 'pass'],
    ]);
    const junit = await readFile(join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).to.match(/<testsuite name="curl-client" tests="8" failures="0"/);
    expect(junit).to.include('<property name="suite" value="client"/>');
    expect(junit).to.include(
      'name="presents-certificate: Presents a client certificate chaining to the declared CA"',
    );
    const html = await readFile(join(reportDir, 'report.html'), 'utf8');
    expect(html).to.include('curl-client (client: command: curl -sS');
    expect(html).to.include(
      'refuses-untrusted-server: Refuses a server whose certificate is from an untrusted CA',
    );
  });

  it('exits 1 for curl -k, and the terminal matrix names the refusals it failed', async () => {
    const insecure = ['curl', '-k', ...curlCommand.slice(1)];
    const { config, reportDir } = await writeConfig('insecure', [
      { name: 'curl-k', suite: 'client', trusts: ['ca1'], client: { command: insecure } },
    ]);
    const result = await runCliProcess(runArgs(config, reportDir), { cwd: work, env });
    expect(result.code, result.stderr).to.equal(1);
    const failed = (await readResults(reportDir)).targets[0]!.scenarios.filter((s) => s.verdict === 'fail');
    expect(failed.map((scenario) => scenario.id)).to.deep.equal([
      'refuses-untrusted-server',
      'refuses-expired-server',
      'refuses-wrong-hostname',
      'refuses-weak-server-key',
      'refuses-sha1-server-cert',
    ]);
    expect(result.stderr).to.include('refuses-untrusted-server');
  });

  it('exits 1 for openssl s_client with nothing on stdin, the three certificate refusals selected alone (issue 26)', async () => {
    const silent = ['openssl', 's_client', '-connect', '{host}:{port}', '-CAfile', '{serverCa}'];
    const only = ['refuses-untrusted-server', 'refuses-expired-server', 'refuses-wrong-hostname'];
    const { config, reportDir } = await writeConfig('silent', [
      {
        name: 's-client',
        suite: 'client',
        trusts: ['ca1'],
        client: { command: silent },
        scenarios: { only },
      },
    ]);
    const result = await runCliProcess(runArgs(config, reportDir), { cwd: work, env });
    expect(result.code, result.stderr).to.equal(1);
    const scenarios = (await readResults(reportDir)).targets[0]!.scenarios;
    expect(scenarios.map((scenario) => [scenario.id, scenario.verdict])).to.deep.equal(
      only.map((id) => [id, 'fail']),
    );
    expect(scenarios[0]!.reason).to.match(/^the client never showed it checks the server: /);
  });

  it('wait: a refusal selected alone announces the valid server too, the control its refusal is judged by', async () => {
    const { config, reportDir } = await writeConfig('wait-control', [
      {
        name: 'saas-platform',
        suite: 'client',
        trusts: ['ca1'],
        client: { wait: { timeoutMs: 20000 } },
        scenarios: { only: ['refuses-untrusted-server'] },
      },
    ]);
    const session = new CliSession(runArgs(config, reportDir), { cwd: work, env });
    try {
      const fixtures = await testFixtures();
      for (const nth of [0, 1]) {
        const [, url] = await session.waitForStderr(announcement, 60_000, nth);
        await delay(200);
        const answer = await runCurl({
          url: url!,
          caFile: fixtures.path('ca1', 'crt'),
          cert: fixtures.path('tpp1', 'crt'),
          key: fixtures.path('tpp1', 'key'),
        });
        expect(answer.exitCode, answer.stderr).to.equal(nth === 0 ? 60 : 0);
      }
      const exit = await session.exited;
      expect(exit.code, session.stderr).to.equal(0);
    } finally {
      await session.stop();
    }
    expect(session.stderr).to.include(
      'saas-platform › the valid server (presents-certificate), the control of the refuses-* scenarios: point the client under test at',
    );
    const [untrusted] = (await readResults(reportDir)).targets[0]!.scenarios;
    expect(untrusted?.verdict, untrusted?.reason).to.equal('pass');
    expect(untrusted?.reason).to.match(/; it sent GET \/ to the valid server \(presents-certificate\)$/);
  });

  it('wait: prints each scenario’s URL on stderr, one at a time, and judges the client that connects', async () => {
    const { config, reportDir } = await writeConfig('wait', [
      {
        name: 'saas-platform',
        suite: 'client',
        trusts: ['ca1'],
        client: { wait: { timeoutMs: 20000 } },
        scenarios: { only: ['presents-certificate', 'refuses-untrusted-server', 'refuses-wrong-hostname'] },
      },
    ]);
    const session = new CliSession(runArgs(config, reportDir), { cwd: work, env });
    try {
      const fixtures = await testFixtures();
      for (const nth of [0, 1, 2]) {
        const [, url] = await session.waitForStderr(announcement, 60_000, nth);
        // The next scenario is announced only once this one has had its client.
        expect([...session.stderr.matchAll(new RegExp(announcement, 'g'))]).to.have.length(nth + 1);
        await delay(200);
        const answer = await runCurl({
          url: url!,
          caFile: fixtures.path('ca1', 'crt'),
          cert: fixtures.path('tpp1', 'crt'),
          key: fixtures.path('tpp1', 'key'),
        });
        expect(answer.exitCode, answer.stderr).to.equal(nth === 0 ? 0 : 60);
      }
      const exit = await session.exited;
      expect(exit.code, session.stderr).to.equal(0);
    } finally {
      await session.stop();
    }
    expect(session.stderr).to.include('saas-platform › presents-certificate: point the client under test at');
    const scenarios = (await readResults(reportDir)).targets[0]!.scenarios;
    expect(scenarios.map((scenario) => scenario.verdict)).to.deep.equal(['pass', 'pass', 'pass']);
    expect(scenarios[0]!.reason).to.match(
      /^presented CN=tpp1\.demo\.axway\.com .*an external client connected$/,
    );
  });

  it('wait: SIGINT ends the wait at once, reports the scenarios as not run and exits 130', async () => {
    const { config, reportDir } = await writeConfig('wait-interrupted', [
      { name: 'saas', suite: 'client', trusts: ['ca1'], client: { wait: { timeoutMs: 600000 } } },
    ]);
    const session = new CliSession(runArgs(config, reportDir), { cwd: work, env });
    try {
      await session.waitForStderr(announcement, 60_000);
      const interrupted = performance.now();
      session.signal('SIGINT');
      const exit = await session.exited;
      expect(exit.code, session.stderr).to.equal(130);
      expect(performance.now() - interrupted).to.be.below(10_000);
    } finally {
      await session.stop();
    }
    const results = await readResults(reportDir);
    expect(results.interrupted).to.equal(true);
    expect(results.targets[0]!.scenarios.map((scenario) => scenario.verdict)).to.deep.equal(
      Array(8).fill('not-run'),
    );
  });

  it('wait: a scenario nobody connects to fails when its time is up', async () => {
    const target = await runClientSuite(await testFixtures(), {
      client: { kind: 'wait', timeoutMs: 300, announce: () => {} },
      selection: { only: ['presents-certificate', 'ca-hint-mismatch'] },
    });
    expect(scenarioOf(target, 'presents-certificate').reason).to.equal(
      'expected accepted, but the client never connected (no client connected within 300 ms)',
    );
    expect(scenarioOf(target, 'ca-hint-mismatch').verdict).to.equal('pass');
  });
});
