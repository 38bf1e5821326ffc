import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBenchTable } from '../bench/bench-table.ts';
import { measureProcess } from '../bench/measure-process.ts';
import { opensslFixtureScript } from '../bench/openssl-fixture-script.ts';
import { benchProbeOverhead } from '../bench/probe-overhead-bench.ts';
import { countProbes } from '../bench/scale-bench.ts';
import { seedCurlScript } from '../bench/seed-curl-script.ts';
import { startTargetFarm } from '../bench/start-target-farm.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';

// `npm run bench` takes minutes and is not part of npm test; this runs each of its pieces once, small.
describe('the benchmark pieces (a smoke run of npm run bench)', function () {
  this.timeout(60_000);
  let work: string;
  let fixtures: FixtureSet;
  let bothCas: StartedMockMtlsServer;
  let ca1Only: StartedMockMtlsServer;

  before(async () => {
    fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-bench-smoke-'));
    const server = () => new MockMtlsServer(fixtures.identity('server')).withRefusal('http');
    [bothCas, ca1Only] = await Promise.all([
      server()
        .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
        .start(),
      server()
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .start(),
    ]);
  });
  after(async () => {
    await Promise.all([bothCas.stop(), ca1Only.stop()]);
    await rm(work, { recursive: true, force: true });
  });

  it('makes the seed openssl script for a spec, and openssl makes the same certificates from it', async () => {
    const now = new Date();
    const spec = validateFixtureSpec({
      version: 1,
      identities: [
        { name: 'ca1', role: 'root-ca', subject: { C: 'BR', O: 'Axway', CN: 'Axway Root CA' } },
        {
          name: 'expired',
          role: 'client',
          issuer: 'ca1',
          subject: { O: 'AXWAY', CN: 'expired.demo.axway.com' },
          subjectAltNames: { dns: ['expired.demo.axway.com'] },
          validity: { startsInDays: -60, days: 30 },
        },
      ],
    });
    const { script, files } = opensslFixtureScript(spec, now);
    await writeFile(join(work, 'make.sh'), script);
    for (const [name, text] of Object.entries(files)) await writeFile(join(work, name), text);
    const made = await measureProcess('sh', ['make.sh'], { cwd: work, env: { FIXTURE_PASS: 'smoke' } });
    expect(made.code, made.stderr).to.equal(0);
    const leaf = new X509Certificate(await readFile(join(work, 'expired.crt')));
    expect(leaf.subject).to.equal('O=AXWAY\nCN=expired.demo.axway.com');
    expect(leaf.subjectAltName).to.equal('DNS:expired.demo.axway.com');
    expect(Date.parse(leaf.validTo)).to.be.lessThan(now.getTime());
    expect(leaf.checkIssued(new X509Certificate(await readFile(join(work, 'ca1.crt'))))).to.equal(true);
    const identity = await loadIdentity({ p12File: join(work, 'expired.p12'), passphrase: 'smoke' });
    expect(identity.certificate.subject).to.include('CN=expired.demo.axway.com');
  });

  it("runs the seed's curl plan: 400 200 200 400 against endpoints configured as the seed's", async () => {
    const scriptFile = join(work, 'seed-plan.sh');
    await writeFile(
      scriptFile,
      seedCurlScript(testFixturesDir, {
        bothCas: `${bothCas.url}/healthcheck`,
        ca1Only: `${ca1Only.url}/healthcheck`,
      }),
    );
    const run = await measureProcess('sh', [scriptFile]);
    expect(run.stdout.trim().split('\n')).to.deep.equal(['400', '200', '200', '400']);
  });

  it('times a probe against the bare handshake, medians of interleaved runs', async () => {
    const figures = await benchProbeOverhead(
      {
        url: `${bothCas.url}/healthcheck`,
        identity: fixtures.identity('tpp1'),
        serverTrustPem: fixtures.certificatePem('ca1'),
      },
      3,
    );
    expect(figures.iterations).to.equal(3);
    for (const value of [figures.probeMs, figures.bareHandshakeMs, figures.bareHandshakeGetMs])
      expect(value).to.be.greaterThan(0);
  });

  it('serves endpoints from a child process and measures a Node process: wall time, peak RSS, CPU', async () => {
    await using farm = await startTargetFarm(testFixturesDir, 2);
    expect(farm.urls).to.have.length(2);
    const observation = await probeTarget({ url: farm.urls[1]!, identity: fixtures.identity('tpp2') });
    expect(observation.outcome, observation.reason).to.equal('accepted');
    const script = join(work, 'allocate.mjs');
    await writeFile(script, 'globalThis.kept = Buffer.alloc(64 * 1024 * 1024, 1);\n');
    const measured = await measureProcess(script, [], { node: true });
    expect(measured.code).to.equal(0);
    expect(measured.peakRssMb).to.be.greaterThan(64);
    expect(measured.cpuMs).to.be.greaterThan(0);
  });

  it('counts the connections of a run and prints the table', () => {
    const observed = { acceptableCaNames: { obtained: true, names: [] } };
    const results = {
      targets: [
        {
          scenarios: [
            { observed },
            { observed: null },
            { observed, steps: [{ observation: observed }, { observation: observed }] },
            { observed, steps: [{ observation: null }, { observation: observed }] },
          ],
        },
      ],
    } as unknown as RunResults;
    // One CA-names read, one probe, none, two steps, one step.
    expect(countProbes(results)).to.equal(5);
    const table = formatBenchTable([
      { figure: 'x', harness: '1 ms', reference: '2 ms', ratio: '0.50×', goal: '≤ 1.0×', met: true },
    ]);
    expect(table.split('\n')).to.deep.equal([
      '| Figure | Harness | Reference | Ratio | Goal   | Met |',
      '| ------ | ------- | --------- | ----- | ------ | --- |',
      '| x      | 1 ms    | 2 ms      | 0.50× | ≤ 1.0× | yes |',
    ]);
  });
});
