import { expect } from 'chai';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { buildConfig } from '../harness/config/build-config.ts';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { suitePlanners } from '../suites/index.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';

/**
 * A TCP relay on 127.0.0.1 that holds every new connection for `delayMs` before connecting it to the
 * server: a slow endpoint, as a far-away partner gateway is. Records when each connection opened and
 * closed, so a test can see how many were in flight and which endpoint finished first.
 */
class DelayingRelay {
  readonly opened: number[] = [];
  readonly closed: number[] = [];
  #inFlight = 0;
  maxInFlight = 0;
  readonly #server: Server;

  constructor(target: { host: string; port: number }, delayMs: number) {
    this.#server = createServer((client: Socket) => {
      this.opened.push(performance.now());
      this.#inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
      client.pause();
      let upstream: Socket | undefined;
      const timer = setTimeout(() => {
        upstream = connectTcp(target, () => {
          client.pipe(upstream!).pipe(client);
          client.resume();
        });
        upstream.on('error', () => client.destroy());
      }, delayMs);
      client.on('error', () => upstream?.destroy());
      client.on('close', () => {
        clearTimeout(timer);
        upstream?.destroy();
        this.#inFlight -= 1;
        this.closed.push(performance.now());
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `https://127.0.0.1:${address.port}/healthcheck`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

describe('concurrency and scale: one bounded pool, stable order', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  let server: StartedMockMtlsServer;

  before(async () => {
    fixtures = await testFixtures();
    server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .start();
  });
  after(() => server.stop());

  it('reports targets in config order and scenarios in catalogue order, whatever finished first', async () => {
    // The first target is the slowest: with a pool shared across targets, the later, faster ones finish
    // before it, and the report must still list it first.
    const delays = [400, 200, 0];
    const relays = delays.map((delayMs) => new DelayingRelay({ host: server.host, port: server.port }, delayMs));
    try {
      const urls = await Promise.all(relays.map((relay) => relay.listen()));
      forgetAcceptableCaNames();
      const config = buildConfig(
        {
          fixtures: testFixturesDir,
          targets: urls.map((url, index) => ({
            name: `delay-${delays[index]}ms`,
            url,
            trusts: ['ca1', 'ca2'],
            serverCa: 'ca1',
          })),
        },
        { kind: 'flags', baseDir: process.cwd() },
      );
      const results = await runConformance({
        fixtures,
        fixturePassphrase: testPassphrase,
        targets: config.targets.map((target) => toRunTargetSpec(target, fixtures)),
        planners: suitePlanners,
        concurrency: 8,
        timeouts: {},
      });
      expect(results.targets.map((target) => target.name)).to.deep.equal([
        'delay-400ms',
        'delay-200ms',
        'delay-0ms',
      ]);
      for (const target of results.targets) {
        expect(target.scenarios.map((scenario) => scenario.id)).to.deep.equal(
          serverScenarios.map((scenario) => scenario.id),
        );
      }
      expect(results.summary.fail, JSON.stringify(results.summary)).to.equal(0);
      // What finished first: the fast target's last connection closed before the slow one's.
      const [slow, , fast] = relays;
      expect(Math.max(...fast!.closed)).to.be.lessThan(Math.max(...slow!.closed));
      // The pool ran probes of one target concurrently, and of several targets at once.
      expect(slow!.maxInFlight).to.be.greaterThan(1);
      const firstFastOpen = Math.min(...fast!.opened);
      expect(firstFastOpen).to.be.lessThan(Math.max(...slow!.closed));
    } finally {
      await Promise.all(relays.map((relay) => relay.close()));
    }
  });

  it('shares a client TLS context between probes without resuming sessions: every probe presents its certificate', async () => {
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const before = server.connections.length;
      for (let probe = 0; probe < 3; probe += 1) {
        const observation = await probeTarget({
          url: `${server.url}/healthcheck`,
          identity: fixtures.identity('tpp1'),
          minVersion: version,
          maxVersion: version,
          acceptableCaNames: 'skip',
        });
        expect(observation.outcome, observation.reason).to.equal('accepted');
      }
      const records = await server.waitForConnections(before + 3);
      for (const record of records.slice(before)) {
        expect(record.clientChain.map((certificate) => certificate.subject).join(), version).to.include(
          'CN=tpp1.demo.axway.com',
        );
      }
    }
  });

  it('reads the server chain per trust: a chain completed from one trust store never shows under another', async () => {
    const url = `${server.url}/healthcheck`;
    const identity = fixtures.identity('tpp1');
    // The server sends its leaf only; with ca1 declared, Node completes the chain with the ca1 root.
    const untrusted = await probeTarget({ url, identity, acceptableCaNames: 'skip' });
    const trusted = await probeTarget({
      url,
      identity,
      serverTrustPem: fixtures.certificatePem('ca1'),
      acceptableCaNames: 'skip',
    });
    const again = await probeTarget({ url, identity, acceptableCaNames: 'skip' });
    expect(untrusted.tls?.serverChain.map((certificate) => certificate.subject)).to.deep.equal([
      'C=BR, O=Axway, CN=localhost',
    ]);
    expect(trusted.tls?.serverChain.length).to.equal(2);
    expect(trusted.tls?.serverChain[1]?.subject).to.include('CN=Axway Root CA');
    expect(trusted.tls?.serverTrusted).to.equal(true);
    expect(again.tls?.serverChain.length).to.equal(1);
    expect(again.tls?.serverTrusted).to.equal(undefined);
  });
});
