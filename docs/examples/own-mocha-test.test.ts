// Using mtls-conformance from your own Mocha tests: the same fixtures, probe and mock servers the CLI
// uses, as a library. Copy this file into your project and import from 'mtls-conformance'.
// (It runs in this repository's `npm test`, so it stays true.)
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateFixtureSet,
  MockMtlsServer,
  openFixtureSet,
  probeTarget,
  ProbeWorkerPool,
  type FixtureSet,
} from 'mtls-conformance';

describe('our partner gateway trusts only CA1 (example)', function () {
  this.timeout(60_000);
  let dir: string;
  let fixtures: FixtureSet;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtlsc-example-'));
    // In a real project, generate once (`npx mtls-conformance fixtures`) and point openFixtureSet at it.
    await generateFixtureSet({ outDir: dir, passphrase: process.env.FIXTURE_PASS ?? 'example-only' });
    fixtures = await openFixtureSet(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts tpp1 and refuses tpp2, whose CA has the same name', async () => {
    // Stand-in for your gateway: replace `gateway.url` with your endpoint.
    await using gateway = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .start();
    const url = `${gateway.url}/healthcheck`;
    const serverTrustPem = fixtures.certificatePem('ca1');

    const tpp1 = await probeTarget({ url, identity: fixtures.identity('tpp1'), serverTrustPem });
    expect(tpp1.outcome, tpp1.reason).to.equal('accepted');
    expect(tpp1.http?.status).to.equal(200);
    expect(tpp1.tls?.serverTrusted).to.equal(true);

    const tpp2 = await probeTarget({ url, identity: fixtures.identity('tpp2'), serverTrustPem });
    expect(tpp2.outcome, tpp2.reason).to.equal('rejected');
  });

  it('checks many endpoints at once on every core, with the same verdicts', async () => {
    await using gateway = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .start();
    // Stand-ins for a list of partner endpoints.
    const partnerUrls = Array.from({ length: 8 }, (_, index) => `${gateway.url}/partner-${index}`);
    const pool = new ProbeWorkerPool(availableParallelism());
    try {
      const seen = await Promise.all(
        partnerUrls.map((url) => pool.probe({ url, identity: fixtures.identity('tpp2') })),
      );
      expect(seen.map((observation) => observation.outcome)).to.deep.equal(partnerUrls.map(() => 'rejected'));
    } finally {
      await pool.close();
    }
  });
});
