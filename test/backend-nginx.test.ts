import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { evidenceContexts } from '../harness/report/evidence-contexts.ts';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import { executeScenario } from '../harness/runner/server/execute-scenario.ts';
import type { TargetContext } from '../harness/runner/target-context.ts';
import { backendScenarios } from '../harness/scenarios/catalogue.ts';
import { reproduceExchange } from '../harness/runner/server/backend/backend-reproduce.ts';
import { exchangeThroughGateway } from '../harness/runner/server/backend/backend-exchange.ts';
import { garbageProbes } from '../harness/runner/server/backend/forged-headers.ts';
import { X509Certificate } from 'node:crypto';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import { renderProxyLocation, renderProxyMaps } from '../harness/targets/render-nginx-proxy.ts';
import {
  backendOf,
  declareGateway,
  expectedFailures,
  failuresByTarget,
  gatewayVariants,
  nginxInstalled,
  renderVerdictMatrix,
  runBackendScenarios,
  verifyModes,
} from './support/backend-verdict-matrix.ts';
import { testFixtures } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';

const run = promisify(execFile);

/**
 * Done-when of issue 17, against real nginx 1.22 processes proxying to the recording backend: the
 * generated safe config passes all five backend scenarios under every ssl_verify_client mode, and each
 * unsafe variant fails exactly the scenarios of the matrix in docs/backend-identity.md.
 */
describe('backend scenarios against real nginx', function () {
  this.timeout(60_000);
  let set: FixtureSet;

  before(async function () {
    requireTool(this, nginxInstalled, 'nginx', 'apt-get install nginx-light');
    set = await testFixtures();
  });

  describe('verdict matrix (pem-urlencoded, X-SSL-Client-Cert / X-SSL-Client-Verify)', () => {
    let failures: Map<string, string[]>;
    before(async () => {
      const specs = gatewayVariants.flatMap((variant) =>
        verifyModes.map((mode) => ({
          provider: 'nginx' as const,
          declaration: declareGateway(`${variant}-${mode}`, backendOf('pem-urlencoded', variant)),
          nginx: { verifyClient: mode },
        })),
      );
      failures = failuresByTarget(await runBackendScenarios(set, specs));
    });
    for (const variant of gatewayVariants) {
      for (const mode of verifyModes) {
        const expected = expectedFailures[variant][mode];
        it(`${variant}, ssl_verify_client ${mode}: ${expected.length === 0 ? 'passes all five' : `fails exactly ${expected.join(', ')}`}`, () => {
          expect(failures.get(`${variant}-${mode}`)).to.deep.equal(expected);
        });
      }
    }
  });

  it('xfcc (Envoy style, no verify header): the same verdicts under optional_no_ca', async () => {
    const specs = gatewayVariants.map((variant) => ({
      provider: 'nginx' as const,
      declaration: declareGateway(`xfcc-${variant}`, backendOf('xfcc', variant)),
      nginx: { verifyClient: 'optional_no_ca' as const },
    }));
    const failures = failuresByTarget(await runBackendScenarios(set, specs));
    for (const variant of gatewayVariants) {
      expect(failures.get(`xfcc-${variant}`), variant).to.deep.equal(
        expectedFailures[variant].optional_no_ca,
      );
    }
  });

  describe('evidence a person can act on', () => {
    let results: RunResults;
    const scenario = (id: string): ScenarioResult => {
      const found = results.targets[0]?.scenarios.find((each) => each.id === id);
      if (found === undefined) throw new Error(`no ${id}`);
      return found;
    };
    before(async () => {
      results = await runBackendScenarios(set, [
        {
          provider: 'nginx',
          declaration: declareGateway('evidence', backendOf('pem-urlencoded', 'pass-client-headers')),
          nginx: { verifyClient: 'optional' },
        },
      ]);
    });

    it('shows what the client forged, and what the backend received, decoded', () => {
      const spoofed = scenario('spoofed-header-without-cert');
      expect(spoofed.reason).to.include(
        'X-SSL-Client-Verify: SUCCESS for a client that presented no certificate',
      );
      const backend = spoofed.backend!;
      expect(backend.backend).to.equal('received');
      expect(backend.source).to.equal('recording-backend');
      expect(backend.sent.map((header) => header.name)).to.deep.equal([
        'X-SSL-Client-Cert',
        'X-SSL-Client-Verify',
      ]);
      const cert = backend.received.find((header) => header.name === 'X-SSL-Client-Cert');
      expect(cert?.certificates?.[0]?.subject).to.include('CN=tpp1.demo.axway.com');
      expect(
        backend.received
          .filter((header) => header.name === 'X-SSL-Client-Verify')
          .map((header) => header.value),
      ).to.deep.equal(['SUCCESS', 'NONE']);
      // The echo lists every header the backend got; only the identity headers are reported.
      expect(spoofed.observed?.http?.body).to.equal(undefined);
      expect(spoofed.observed?.http?.bodyExcerpt).to.match(/see the backend evidence/);
    });

    it('reproduces a failure with curl -H lines, an oversized value as the command that prints it', () => {
      const reproduce = scenario('spoofed-header-with-other-cert').reproduce ?? '';
      expect(reproduce).to.match(
        /^curl -v --insecure --cert \S+tpp1\.crt --key \S+tpp1\.key -H 'X-Mtlsc-Request-Id: [0-9a-f]+' -H 'X-SSL-Client-Cert: -----BEGIN%20CERTIFICATE-----/,
      );
      expect(reproduce).to.match(/https:\/\/127\.0\.0\.1:\d+\/echo$/);
      const garbage = scenario('header-garbage');
      expect(garbage.reproduce).to.include(`"X-SSL-Client-Cert: $(head -c 7000 /dev/zero | tr '\\0' A)"`);
      expect(garbage.steps?.map((step) => step.label)).to.deep.equal([
        'oversized value',
        'multi-line value (obs-fold)',
        'not a certificate',
        'underscore name X_SSL_Client_Cert',
        'clean request after the garbage',
      ]);
      expect(garbage.steps?.every((step) => step.backend !== undefined)).to.equal(true);
      const probes = evidenceContexts(garbage, results.targets[0]!).find(
        (context) => context.title === 'Backend, probe by probe',
      );
      expect(probes?.value).to.match(
        /^1\. oversized value\n {3}request id [0-9a-f]+\n {3}client sent \(forged\):\n {5}X-SSL-Client-Cert: A{160}… \(7000 bytes\)\n {3}backend received \(per the recording backend\):/,
      );
      expect(probes?.value).to.include('2. multi-line value (obs-fold)');
    });
  });

  it('the reproduce lines run by hand: curl delivers the forged header, openssl s_client the folded one', async () => {
    const declaration = declareGateway('by-hand', backendOf('pem-urlencoded', 'pass-client-headers'));
    await using target = await new NginxProcessTargetProvider({
      declaration,
      fixtures: set,
      options: { verifyClient: 'optional' },
    }).start();
    const context: TargetContext = {
      declaration: target.declaration,
      fixtures: set,
      trustedIdentity: {
        identity: set.identity('tpp1'),
        files: { certFile: set.path('tpp1', 'crt'), keyFile: set.path('tpp1', 'key') },
      },
      timeouts: {},
      ...(target.backend ? { backend: target.backend } : {}),
    };
    const spoofed = backendScenarios.find((each) => each.id === 'spoofed-header-without-cert')!;
    const result = await executeScenario(spoofed, context);
    expect(result.verdict).to.equal('fail');
    // curl exits 0 once it has the answer; execFile rejects otherwise.
    await run('bash', ['-c', result.reproduce ?? 'false']);
    const requestId = /X-Mtlsc-Request-Id: ([0-9a-f]+)/.exec(result.reproduce ?? '')?.[1] ?? '';
    const record = target.backend?.lookup(requestId);
    expect(record?.kind).to.equal('request');
    const headers = record?.kind === 'request' ? record.headers : [];
    expect(
      headers.filter(([name]) => name === 'X-SSL-Client-Verify').map(([, value]) => value),
    ).to.deep.equal(['SUCCESS', 'NONE']);

    // curl cannot send an obs-fold: the raw request goes through openssl s_client, and nginx refuses it.
    const backend = target.declaration.backend!;
    const [, folded] = garbageProbes(backend, new X509Certificate(set.certificatePem('tpp3')));
    const exchange = await exchangeThroughGateway(context, backend, undefined, folded!.lines);
    const command = reproduceExchange(context, exchange);
    expect(command).to.match(
      /^printf '%s\\r\\n' 'GET \/echo HTTP\/1\.1' .*' MII.* \| openssl s_client -connect 127\.0\.0\.1:\d+ -quiet$/,
    );
    const { stdout } = await run('bash', ['-c', command]);
    expect(stdout).to.match(/^HTTP\/1\.1 400 Bad Request/);
    expect(exchange.observation.http?.status).to.equal(400);
  });

  it('docs/backend-identity.md shows the safe block nginx runs and the matrix the tests prove', () => {
    const doc = readFileSync(new URL('../docs/backend-identity.md', import.meta.url), 'utf8');
    const params = { upstream: 'app.internal:8080', backend: backendOf('pem-urlencoded', 'safe') };
    // At their indentation in the generated nginx.conf: the maps in http { }, the location in server { }.
    expect(doc).to.include(renderProxyMaps(params).join('\n'));
    expect(doc).to.include(renderProxyLocation(params).join('\n'));
    expect(doc).to.include(renderVerdictMatrix());
  });
});
