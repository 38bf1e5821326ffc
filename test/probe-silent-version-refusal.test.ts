import { createServer, type Server, type Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { silentVersionRefusal, tlsVersionName } from '../harness/probe/silent-version-refusal.ts';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { decideSilentClose } from '../harness/runner/server/decide-silent-close.ts';
import type { TargetContext } from '../harness/runner/target-context.ts';
import { createTargetProvider, type TargetProviderSpec } from '../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../suites/index.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { javaAvailable } from './support/java-available.ts';
import { requireTool } from './support/require-tool.ts';

// Issue 22: a JSSE server refuses a TLS 1.0/1.1 ClientHello by closing the connection without an
// alert. On an endpoint where a handshake at another version completes, that is a refusal; where none
// does, the close decides nothing and the observation stays undecided (`error`).

const silentClose: Observation = {
  url: 'https://127.0.0.1:1/healthcheck',
  outcome: 'error',
  stage: 'tls-handshake',
  reason: 'server closed the connection before sending any TLS data; is a TLS server listening there?',
  closedBeforeTls: true,
  acceptableCaNames: { obtained: false, why: 'not read' },
  timings: { totalMs: 1 },
};

function handshakeAt(version: SecureVersion, completes: boolean): Observation {
  return completes
    ? {
        ...silentClose,
        outcome: 'accepted',
        stage: 'http',
        reason: 'server answered HTTP 200 OK',
        tls: { protocol: version, serverChain: [] },
      }
    : silentClose;
}

function contextDeclaring(tlsVersions: SecureVersion[]): TargetContext {
  return {
    declaration: { name: 't', url: silentClose.url, trusts: ['ca1'], rejectAt: 'any', tlsVersions },
    timeouts: {},
  } as unknown as TargetContext;
}

async function runScenarios(
  fixtures: FixtureSet,
  spec: TargetProviderSpec,
  only: string[],
): Promise<RunResults> {
  return runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 4,
    timeouts: {},
    targets: [
      {
        declaration: { ...spec.declaration, url: 'https://127.0.0.1:0/' },
        suite: 'server',
        selection: { only },
        provider: createTargetProvider(spec, fixtures),
      },
    ],
  });
}

function scenario(results: RunResults, id: string): ScenarioResult {
  const found = results.targets[0]?.scenarios.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no ${id} in the run`);
  return found;
}

describe('probe: a silent close in answer to a refused version', function () {
  describe('deciding it (decideSilentClose)', function () {
    it('names the versions as people write them', function () {
      expect(
        ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].map((v) => tlsVersionName(v as SecureVersion)),
      ).to.deep.equal(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3']);
    });

    it('is a refusal at tls-handshake, with the issue’s wording, once a declared version completes a handshake', async function () {
      const asked: SecureVersion[] = [];
      const decided = await decideSilentClose(
        silentClose,
        'TLSv1',
        contextDeclaring(['TLSv1.2', 'TLSv1.3']),
        (v) => {
          asked.push(v);
          return Promise.resolve(handshakeAt(v, true));
        },
      );
      expect(decided).to.include({
        outcome: 'rejected',
        stage: 'tls-handshake',
        reason:
          'server closed the connection without an alert in answer to a TLS 1.0 ClientHello; TLS 1.2 works on this endpoint',
        closedBeforeTls: true,
      });
      expect(asked).to.deep.equal(['TLSv1.2']);
    });

    it('says reset when the close was a reset', function () {
      const reset = { ...silentClose, errorCode: 'ECONNRESET' };
      expect(silentVersionRefusal(reset, 'TLSv1.1', 'TLSv1.3').reason).to.equal(
        'server reset the connection (ECONNRESET) without an alert in answer to a TLS 1.1 ClientHello; TLS 1.3 works on this endpoint',
      );
    });

    it('stays undecided when no other version completes a handshake, and never tries a legacy version or the offered one', async function () {
      const asked: SecureVersion[] = [];
      const context = contextDeclaring(['TLSv1.3']);
      const decided = await decideSilentClose(silentClose, 'TLSv1.3', context, (v) => {
        asked.push(v);
        return Promise.resolve(handshakeAt(v, false));
      });
      expect(decided).to.equal(silentClose);
      expect(asked).to.deep.equal(['TLSv1.2']);
    });

    it('asks each version once per target, for TLS 1.0 and 1.1 alike', async function () {
      const asked: SecureVersion[] = [];
      const context = contextDeclaring(['TLSv1.3', 'TLSv1.2']);
      const probe = (v: SecureVersion) => {
        asked.push(v);
        return Promise.resolve(handshakeAt(v, v === 'TLSv1.2'));
      };
      const first = await decideSilentClose(silentClose, 'TLSv1', context, probe);
      const second = await decideSilentClose(silentClose, 'TLSv1.1', context, probe);
      expect([first.reason, second.reason]).to.deep.equal([
        'server closed the connection without an alert in answer to a TLS 1.0 ClientHello; TLS 1.2 works on this endpoint',
        'server closed the connection without an alert in answer to a TLS 1.1 ClientHello; TLS 1.2 works on this endpoint',
      ]);
      expect(asked).to.deep.equal(['TLSv1.3', 'TLSv1.2']);
    });

    it('leaves every other observation as it is, without probing', async function () {
      const { closedBeforeTls: _closed, ...spoken } = silentClose;
      const alert: Observation = {
        ...spoken,
        outcome: 'rejected',
        alert: { code: 70, name: 'protocol_version' },
        reason: 'server sent TLS alert 70 protocol_version during the handshake',
      };
      const interrupted: Observation = { ...silentClose, interrupted: true };
      for (const observation of [alert, interrupted]) {
        const decided = await decideSilentClose(observation, 'TLSv1', contextDeclaring(['TLSv1.2']), () =>
          expect.fail('probed again'),
        );
        expect(decided).to.equal(observation);
      }
    });
  });

  describe('against a Java 17 JSSE server (need) and a server that hangs up on every ClientHello', function () {
    this.timeout(120_000);
    let fixtures: FixtureSet;

    before(async function () {
      fixtures = await testFixtures();
    });

    it('JSSE: tls-legacy-versions passes, each version refused at tls-handshake with the wording the issue gives', async function () {
      requireTool(
        this,
        await javaAvailable(),
        'a JDK (java, javac, keytool)',
        'apt-get install default-jdk-headless',
      );
      const results = await runScenarios(
        fixtures,
        {
          provider: 'java',
          declaration: {
            name: 'jsse-legacy',
            trusts: ['ca1'],
            rejectAt: 'handshake',
            tlsVersions: ['TLSv1.2', 'TLSv1.3'],
          },
        },
        ['tls-legacy-versions'],
      );
      const legacy = scenario(results, 'tls-legacy-versions');
      expect(legacy.verdict, legacy.reason).to.equal('pass');
      for (const [step, name] of [
        [legacy.steps?.[0], 'TLS 1.0'],
        [legacy.steps?.[1], 'TLS 1.1'],
      ] as const) {
        expect(step?.observation).to.include({
          outcome: 'rejected',
          stage: 'tls-handshake',
          closedBeforeTls: true,
        });
        expect(step?.observation?.reason).to.match(
          new RegExp(
            `^server (closed the connection|reset the connection \\(ECONNRESET\\)) without an alert in answer to a ${name} ClientHello; TLS 1\\.2 works on this endpoint$`,
          ),
        );
      }
    });

    it('a server that hangs up on every ClientHello: the close stays undecided (error), so the scenario fails as undecided, not as a refusal', async function () {
      const sockets = new Set<Socket>();
      const server: Server = createServer((socket) => {
        sockets.add(socket);
        socket.once('data', () => socket.end());
        socket.on('error', () => {});
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const declaration = {
          name: 'hangs-up',
          url: `https://127.0.0.1:${port}/healthcheck`,
          trusts: ['ca1'],
          rejectAt: 'any' as const,
          tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
        };
        const results = await runScenarios(fixtures, { provider: 'url', declaration }, [
          'tls-legacy-versions',
        ]);
        const legacy = scenario(results, 'tls-legacy-versions');
        expect(legacy.verdict).to.equal('fail');
        expect(legacy.reason).to.match(
          /^TLSv1: expected rejected, but could not decide: server closed the connection before sending any TLS data/,
        );
        expect(legacy.observed).to.include({
          outcome: 'error',
          stage: 'tls-handshake',
          closedBeforeTls: true,
        });
        // The run's reachability check (one TCP connection before the scenarios of a target it did not
        // start), TLS 1.0, TLS 1.1, and the TLS 1.2 and 1.3 handshakes tried once each to decide them.
        expect(sockets.size).to.equal(5);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});
