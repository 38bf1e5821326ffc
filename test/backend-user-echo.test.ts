import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { createTargetProvider } from '../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../suites/index.ts';
import { echoHeaders } from '../docs/examples/echo-backend.ts';
import {
  backendOf,
  backendScenarioIds,
  expectedFailures,
  failuresByTarget,
  nginxInstalled,
} from './support/backend-verdict-matrix.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { startOwnNginxGateway } from './support/own-nginx-gateway.ts';
import { requireTool } from './support/require-tool.ts';

/** An application of the test's on 127.0.0.1: the user's backend. */
async function startApplication(
  handler: RequestListener,
): Promise<{ address: string; url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    address,
    url: `http://${address}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}

/** Runs the backend scenarios against `url`, a gateway of the user's, as provider url. */
function runAgainstUrl(set: FixtureSet, name: string, url: string, responseMs?: number): Promise<RunResults> {
  const declaration = {
    name,
    url,
    trusts: ['ca1'],
    rejectAt: 'any' as const,
    tlsVersions: ['TLSv1.2' as const, 'TLSv1.3' as const],
    backend: backendOf('pem-urlencoded', 'safe'),
  };
  return runConformance({
    fixtures: set,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 6,
    timeouts: responseMs === undefined ? {} : { responseMs },
    targets: [
      {
        declaration,
        suite: 'server',
        selection: { only: backendScenarioIds, skip: {}, expect: {} },
        provider: createTargetProvider({ provider: 'url', declaration }, set),
      },
    ],
  });
}

const scenarioOf = (results: RunResults, id: string): ScenarioResult => {
  const found = results.targets[0]?.scenarios.find((scenario) => scenario.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};

/**
 * A gateway and backend of the user's, not started by the harness: the backend answers with the echo
 * contract (docs/examples/echo-backend.ts), and the same scenarios run with the verdicts of a
 * generated gateway. A backend that breaks the contract, or never answers, fails with the reason.
 */
describe('backend scenarios against your own gateway and echo backend', function () {
  this.timeout(60_000);
  let set: FixtureSet;

  before(async () => {
    set = await testFixtures();
  });

  it('your nginx in front of the example echo: the matrix verdicts, learnt from the echo', async function () {
    requireTool(this, nginxInstalled, 'nginx', 'apt-get install nginx-light');
    const application = await startApplication(echoHeaders);
    try {
      for (const variant of ['safe', 'pass-client-headers'] as const) {
        await using gateway = await startOwnNginxGateway(
          set,
          application.address,
          backendOf('pem-urlencoded', variant),
          'optional_no_ca',
        );
        const results = await runAgainstUrl(set, `own-${variant}`, `${gateway.origin}/mtls-echo`);
        expect(failuresByTarget(results).get(`own-${variant}`), variant).to.deep.equal(
          expectedFailures[variant].optional_no_ca,
        );
        const spoofed = scenarioOf(results, 'spoofed-header-without-cert');
        expect(spoofed.backend?.source).to.equal('echo');
        expect(spoofed.backend?.backend).to.equal('received');
      }
    } finally {
      await application.stop();
    }
  });

  describe('behind a gateway that forwards safely (the mock)', () => {
    const withGateway = async (handler: RequestListener, run: (origin: string) => Promise<void>) => {
      const application = await startApplication(handler);
      const gateway = await new MockMtlsServer(set.identity('server'))
        .withTrust(set.trustBundlePem(['ca1']))
        .withMisconfiguration('accept-any-certificate')
        .withBackend(application.url, backendOf('pem-urlencoded', 'safe'))
        .start();
      try {
        await run(gateway.url);
      } finally {
        await gateway.stop();
        await application.stop();
      }
    };

    it("reads httpbin's object of names as an echo", async () => {
      const httpbin = (request: IncomingMessage, response: ServerResponse) => {
        const headers: Record<string, string[]> = {};
        for (let index = 0; index < request.rawHeaders.length; index += 2) {
          (headers[request.rawHeaders[index]!] ??= []).push(request.rawHeaders[index + 1]!);
        }
        response.end(JSON.stringify({ headers }));
      };
      await withGateway(httpbin, async (origin) => {
        const results = await runAgainstUrl(set, 'httpbin', `${origin}/headers`);
        expect(failuresByTarget(results).get('httpbin')).to.deep.equal([]);
      });
    });

    it('fails, saying so, when the backend answers without the echo contract', async () => {
      await withGateway(
        (_request, response) => response.end('ok'),
        async (origin) => {
          const results = await runAgainstUrl(set, 'plain', `${origin}/app`);
          const matches = scenarioOf(results, 'forwarded-identity-matches');
          expect(matches.verdict).to.equal('fail');
          expect(matches.reason).to.match(
            /cannot tell what the backend received: HTTP 200 is not the echo contract \(the body is not JSON\); point backend\.path at an endpoint/,
          );
          expect(matches.backend?.backend).to.equal('unknown');
          expect(scenarioOf(results, 'spoofed-header-without-cert').verdict).to.equal('fail');
        },
      );
    });

    it('fails, saying so, when the echo lacks this request id (a gateway that strips it)', async () => {
      const stripping = (request: IncomingMessage, response: ServerResponse) => {
        const pairs: [string, string][] = [];
        for (let index = 0; index < request.rawHeaders.length; index += 2) {
          if (request.rawHeaders[index]!.toLowerCase() !== 'x-mtlsc-request-id')
            pairs.push([request.rawHeaders[index]!, request.rawHeaders[index + 1]!]);
        }
        response.end(JSON.stringify({ headers: pairs }));
      };
      await withGateway(stripping, async (origin) => {
        const results = await runAgainstUrl(set, 'stripping', `${origin}/echo`);
        expect(scenarioOf(results, 'forwarded-identity-matches').reason).to.include(
          'the echo lists no X-Mtlsc-Request-Id: the gateway removes it',
        );
      });
    });

    // The probe's response timeout ends each probe (1 s here), not the gateway's own backend timeout
    // (10 s in the mock, 60 s in nginx): the run ends instead of hanging.
    it('fails every scenario with the reason when the backend never answers, within the probe timeout', async () => {
      await withGateway(
        () => undefined,
        async (origin) => {
          const results = await runAgainstUrl(set, 'silent', `${origin}/echo`, 1000);
          for (const id of backendScenarioIds) {
            const scenario = scenarioOf(results, id);
            expect(scenario.verdict, id).to.equal('fail');
            expect(scenario.reason, id).to.match(/no HTTP response within 1000 ms of sending the request/);
          }
          expect(scenarioOf(results, 'forwarded-identity-matches').reason).to.match(
            /^cannot tell what the backend received: no answer to judge/,
          );
        },
      );
    });
  });
});
