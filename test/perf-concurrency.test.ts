import { expect } from 'chai';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { buildConfig } from '../harness/config/build-config.ts';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Observation } from '../harness/probe/observation.ts';
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
        // Once the server is gone, so is the relay: a paused client would never read the probe's FIN.
        upstream.on('close', () => client.destroy());
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
    // The first target is the slowest: with one pool shared by all targets, the later, faster ones
    // finish first, and the report must still list the slow one first, its scenarios in catalogue order.
    const delays = [1000, 300, 0];
    const relays = delays.map(
      (delayMs) => new DelayingRelay({ host: server.host, port: server.port }, delayMs),
    );
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
      const started = performance.now();
      const results = await runConformance({
        fixtures,
        fixturePassphrase: testPassphrase,
        targets: config.targets.map((target) => toRunTargetSpec(target, fixtures)),
        planners: suitePlanners,
        concurrency: 20,
        timeouts: {},
      });
      const elapsed = performance.now() - started;
      expect(results.targets.map((target) => target.name)).to.deep.equal([
        'delay-1000ms',
        'delay-300ms',
        'delay-0ms',
      ]);
      for (const target of results.targets) {
        expect(target.scenarios.map((scenario) => scenario.id)).to.deep.equal(
          serverScenarios.map((scenario) => scenario.id),
        );
      }
      expect(results.summary.fail, JSON.stringify(results.summary)).to.equal(0);
      // What finished first: a connection of the fast target closed before any of the slow one's, so the
      // results did not arrive in config order. (Not its last one: on a loaded machine, with other test
      // files running in parallel, the fast target's last probes can wait in the shared pool until after
      // the slow one's last 1 s delay; its first one cannot wait 1 s.)
      const [slow, , fast] = relays;
      expect(Math.min(...fast!.closed)).to.be.lessThan(Math.min(...slow!.closed));
      // Concurrent, not one probe after another: the slow target alone makes more than 15 connections
      // of a second's delay each, and its probes overlapped.
      expect(slow!.opened.length).to.be.greaterThan(15);
      expect(elapsed).to.be.lessThan(slow!.opened.length * 1000);
      expect(slow!.maxInFlight).to.be.greaterThan(1);
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
    // A server that sends its leaf alone: with ca1 declared, Node completes the chain with the ca1
    // root from the client's store; without, the chain is the leaf. The remembered chain must follow.
    const mtls = server;
    const leafOnly = createTlsServer(
      { cert: fixtures.identity('server').certificatePem, key: fixtures.identity('server').privateKeyPem },
      (socket) => {
        socket.on('error', () => undefined);
        // Read on, so the client's FIN is seen and the socket closes.
        socket.resume();
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
      },
    );
    await new Promise<void>((resolve) => leafOnly.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(leafOnly.address() as { port: number }).port}/`;
      const probe = (serverTrustPem?: string) =>
        probeTarget({ url, acceptableCaNames: 'skip', ...(serverTrustPem ? { serverTrustPem } : {}) });
      const subjects = (observation: Observation) =>
        observation.tls?.serverChain.map((certificate) => certificate.subject.replace(/.*CN=/, ''));
      const untrusted = await probe();
      const trusted = await probe(fixtures.certificatePem('ca1'));
      const again = await probe();
      const trustedAgain = await probe(fixtures.certificatePem('ca1'));
      expect(subjects(untrusted)).to.deep.equal(['localhost']);
      expect(subjects(trusted)).to.deep.equal(['localhost', 'Axway Root CA']);
      expect(subjects(again)).to.deep.equal(['localhost']);
      expect(subjects(trustedAgain)).to.deep.equal(['localhost', 'Axway Root CA']);
      // The verdicts stay each connection's own.
      expect(
        [untrusted, trusted, again, trustedAgain].map((observation) => observation.tls?.serverTrusted),
      ).to.deep.equal([undefined, true, undefined, true]);
      // The mock server sends the same leaf with its root: another endpoint, its own chain.
      const mock = await probeTarget({ url: `${mtls.url}/healthcheck`, acceptableCaNames: 'skip' });
      expect(subjects(mock)).to.deep.equal(['localhost', 'Axway Root CA']);
      expect(subjects(await probe())).to.deep.equal(['localhost']);
    } finally {
      await new Promise((resolve) => leafOnly.close(resolve));
    }
  });
});
