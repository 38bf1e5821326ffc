import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureProcess } from '../bench/measure-process.ts';
import { equivalentCurlScript } from '../bench/single-nginx-bench.ts';
import { benchStartup } from '../bench/startup-bench.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';

// Issue 21's rows of `npm run bench`, run once and small: the figures are measured by the bench, never
// asserted here (a timed unit test on a shared machine only measures the neighbours).
describe('the benchmark pieces of issue 21 (a smoke run)', function () {
  this.timeout(60_000);

  it('process start: scenarios, --help, the tsx path and node -e 1, each timed', async () => {
    const figures = await benchStartup(1);
    expect(figures.rounds).to.equal(1);
    for (const value of [figures.nodeMs, figures.scenariosMs, figures.helpMs, figures.scenariosTsxMs])
      expect(value).to.be.a('number').and.be.greaterThan(0);
  });

  it('the equivalent curl script: one curl per check, cycling no certificate, tpp1, tpp2', async () => {
    const fixtures = await testFixtures();
    const server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withRefusal('http')
      .start();
    const work = await mkdtemp(join(tmpdir(), 'mtlsc-bench-curl-'));
    try {
      const script = join(work, 'checks.sh');
      await writeFile(script, equivalentCurlScript(testFixturesDir, server.url, 5));
      const run = await measureProcess('sh', [script]);
      expect(run.code, run.stderr).to.equal(0);
      // The mock refuses at HTTP (400) without an accepted certificate: tpp2 is from ca2, not trusted.
      expect(run.stdout.trim().split('\n')).to.deep.equal(['400', '200', '400', '400', '200']);
    } finally {
      await server.stop();
      await rm(work, { recursive: true, force: true });
    }
  });
});
