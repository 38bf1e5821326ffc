import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

/** Every scenario whose expectation is a refusal of the client: what an accept-anything gateway lets through. */
const rejectionScenarios = [
  'no-client-cert',
  'second-ca-client',
  'untrusted-ca',
  'expired-client-cert',
  'not-yet-valid-client-cert',
  'self-signed-client-cert',
  'wrong-eku',
  'missing-intermediate',
  // The key matrix: RSA-1024, SHA-1, CA:TRUE and a name-constraint violation, all from ca1.
  'weak-rsa-client',
  'sha1-client',
  'ca-true-leaf',
  'name-constraint-violation',
];

describe('mtls-conformance run (end to end, the real CLI in a subprocess)', function () {
  this.timeout(120_000);
  let work: string;
  const env = { FIXTURE_PASS: testPassphrase };
  const fixtureArgs = ['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'];

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-run-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  async function run(name: string, args: string[]) {
    const reportDir = join(work, name);
    const result = await runCliProcess(['run', ...fixtureArgs, '--report-dir', reportDir, ...args], {
      cwd: work,
      env,
    });
    const readResults = async () =>
      JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    return { ...result, reportDir, readResults };
  }

  function failing(results: RunResults, target: string): string[] {
    const found = results.targets.find((candidate) => candidate.name === target);
    expect(found, `target ${target} in results`).to.exist;
    return found!.scenarios.filter((scenario) => scenario.verdict === 'fail').map((scenario) => scenario.id);
  }

  it('passes every scenario against the built-in demo targets, exits 0 and ends with the report paths on stdout', async () => {
    const result = await run('demo', []);
    expect(result.code, result.stderr).to.equal(0);
    const results = await result.readResults();
    expect(results.targets.map((target) => target.name)).to.deep.equal([
      'mock-ca1-ca2-handshake',
      'mock-ca1-only-http',
    ]);
    expect(results.summary.fail).to.equal(0);
    // The allow-list scenarios skip (no allowedSubjects declared): 3 a target.
    expect(results.summary.pass).to.equal(44);
    expect(results.summary.skip).to.equal(6);
    // The summary is the run's result: on stdout (`run > log.txt` keeps it); progress stays on stderr.
    expect(result.stdout).to.include('2 targets, 50 scenarios: 44 passed, 0 failed');
    expect(result.stderr).not.to.include('44 passed');
    expect(result.stderr).to.match(/^\[ ?\d+\/50\] ✔ /m);
    const lastLines = result.stdout.trimEnd().split('\n').slice(-3);
    expect(lastLines.map((line) => line.trim())).to.deep.equal([
      join(result.reportDir, 'report.html'),
      join(result.reportDir, 'junit.xml'),
      join(result.reportDir, 'results.json'),
    ]);
    // The CA1-only target refuses tpp2 at HTTP, as nginx does; the CA1+CA2 target accepts it.
    const scenario = (target: number, id: string): ScenarioResult =>
      results.targets[target]!.scenarios.find((candidate) => candidate.id === id)!;
    expect(scenario(0, 'second-ca-client').observed?.outcome).to.equal('accepted');
    expect(scenario(1, 'second-ca-client').observed?.outcome).to.equal('rejected');
    expect(scenario(1, 'second-ca-client').observed?.stage).to.equal('http');
  });

  describe('against endpoints it must catch', () => {
    let bothCas: StartedMockMtlsServer;
    let acceptAnything: StartedMockMtlsServer;

    before(async () => {
      const fixtures = await testFixtures();
      bothCas = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
        .start();
      acceptAnything = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .withMisconfiguration('accept-any-certificate')
        .start();
    });
    after(async () => {
      await bothCas?.stop();
      await acceptAnything?.stop();
    });

    it('fails exactly second-ca-client, with evidence, when a CA1+CA2 server is declared as trusting ca1', async () => {
      const result = await run('ca1-declared', [
        '--target',
        `${bothCas.url}/healthcheck`,
        '--name',
        'gateway',
        '--trusts',
        'ca1',
        '--server-ca',
        'ca1',
      ]);
      expect(result.code, result.stderr).to.equal(1);
      const results = await result.readResults();
      expect(failing(results, 'gateway')).to.deep.equal(['second-ca-client']);
      const scenario = results.targets[0]!.scenarios.find(
        (candidate) => candidate.id === 'second-ca-client',
      )!;
      expect(scenario.expected).to.equal('rejected');
      expect(scenario.observed?.outcome).to.equal('accepted');
      expect(scenario.observed?.http?.status).to.equal(200);
      expect(scenario.observed?.clientCertificate?.subject).to.include('tpp2.demo.axway.com');
      expect(scenario.reproduce).to.match(/^curl .*--cert .*tpp2\.crt.*--key .*tpp2\.key/);
      expect(result.stderr).to.include('gateway › second-ca-client');
    });

    it('fails every rejection scenario against a server that accepts any certificate', async () => {
      const result = await run('accept-anything', [
        '--target',
        `${acceptAnything.url}/healthcheck`,
        '--name',
        'lax',
        '--trusts',
        'ca1',
      ]);
      expect(result.code, result.stderr).to.equal(1);
      expect(failing(await result.readResults(), 'lax')).to.deep.equal(rejectionScenarios);
    });
  });

  it('exits 1 when the target is down, reports it once (not per scenario), and still writes every report', async () => {
    const result = await run('down', [
      '--target',
      'https://127.0.0.1:1/healthcheck',
      '--name',
      'down',
      '--trusts',
      'ca1',
    ]);
    expect(result.code, result.stderr).to.equal(1);
    const results = await result.readResults();
    const [target] = results.targets;
    expect(target!.scenarios).to.deep.equal([]);
    expect(target!.error).to.equal(
      'cannot connect to 127.0.0.1:1: nothing accepts connections there (ECONNREFUSED)',
    );
    expect(result.stdout).to.include(
      '? down › the target is reachable: cannot connect to 127.0.0.1:1: nothing accepts connections there (ECONNREFUSED)',
    );
    expect(result.stdout).to.include('1 target, 0 scenarios: 0 passed, 0 failed; 1 target unreachable');
    const junit = await readFile(join(result.reportDir, 'junit.xml'), 'utf8');
    expect(junit).to.include('tests="1" failures="0" errors="1"');
  });

  it('exits 2 with one line naming the field when the config is broken, before any probe', async () => {
    const config = join(work, 'broken.yaml');
    await writeFile(
      config,
      'targets:\n  - name: gw\n    url: https://127.0.0.1:8443/\n    trusts: [ca1]\n    rejectAt: sometimes\n',
    );
    const result = await run('broken', ['--config', config]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('targets[0].rejectAt');
    expect(result.stderr).to.include('sometimes');
    expect(result.stderr).not.to.match(/\n\s+at /);
  });

  it('refuses --config together with --target before doing any work', async () => {
    const result = await run('conflict', ['--config', 'x.yaml', '--target', 'https://127.0.0.1:1/']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/mutually exclusive|conflict/i);
  });
});
