import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { measureGatewayBehaviour } from '../harness/gateways/measure-gateway-behaviour.ts';
import { referenceGateways } from '../harness/gateways/reference-gateways.ts';
import {
  gatewayBehaviourPath,
  renderGatewayBehaviour,
} from '../harness/gateways/render-gateway-behaviour.ts';
import { summarizeObservation } from '../harness/gateways/summarize-observation.ts';
import { defaultFixtureSpec } from '../harness/pki/default-fixture-spec.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import { suitePlanners } from '../suites/index.ts';
import { isCi } from './support/docker-available.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

const closedAfterHandshake: Observation = {
  url: 'https://127.0.0.1:40123/healthcheck',
  outcome: 'rejected',
  stage: 'after-handshake',
  reason: 'server closed the connection after the handshake, without a response or a TLS alert',
  acceptableCaNames: { obtained: false, why: 'not read' },
  timings: { totalMs: 3 },
};

describe('docs/gateway-behaviour.md, the cross-gateway table', function () {
  // Six gateways started and probed side by side, a JVM among them.
  this.timeout(240_000);

  it('is what `npm run gateways` writes on a machine with every gateway (CI installs them all)', async function () {
    const fixtures = await testFixtures();
    const behaviour = await measureGatewayBehaviour({
      fixtures,
      fixturePassphrase: testPassphrase,
      planners: suitePlanners,
    });
    if (behaviour.missing.length > 0) {
      const why = behaviour.missing.map(({ gateway, reason }) => `${gateway.title}: ${reason}`).join('; ');
      if (isCi(process.env))
        throw new Error(`${why}; CI installs every gateway (scripts/install-system-packages.sh)`);
      console.warn(`    skipping: ${why}; CI is not set`);
      this.skip();
    }
    const committed = await readFile(
      fileURLToPath(new URL(`../${gatewayBehaviourPath}`, import.meta.url)),
      'utf8',
    );
    const rendered = renderGatewayBehaviour(behaviour);
    expect(
      rendered === committed,
      `${gatewayBehaviourPath} is stale: run npm run gateways\n${rendered}`,
    ).to.equal(true);
  });

  it('takes its rows from the catalogue and the fixture set: a new client fixture gets its rows without a change to the table code', async function () {
    const spec = {
      ...defaultFixtureSpec,
      identities: [
        ...defaultFixtureSpec.identities,
        {
          name: 'tpp9',
          role: 'client' as const,
          issuer: 'ca1',
          description: 'a client fixture added after the table was written',
          subject: { O: 'AXWAY', CN: 'tpp9.demo.axway.com' },
        },
      ],
    };
    const report = await generateFixtureSet({
      outDir: fileURLToPath(new URL('../.tmp/gateway-table-extra-fixture', import.meta.url)),
      passphrase: testPassphrase,
      spec,
    });
    const fixtures = await openFixtureSet(report.dir);
    const mock = referenceGateways.filter((gateway) => gateway.id === 'mock');
    const behaviour = await measureGatewayBehaviour({
      fixtures,
      fixturePassphrase: testPassphrase,
      planners: suitePlanners,
      gateways: mock,
    });
    expect(behaviour.missing).to.deep.equal([]);
    expect(behaviour.scenarios.map((row) => row.id)).to.deep.equal(
      serverScenarios.map((scenario) => scenario.id),
    );
    const clients = spec.identities
      .filter((identity) => identity.role === 'client')
      .map((identity) => identity.name);
    for (const version of ['TLSv1.2', 'TLSv1.3']) {
      expect(
        behaviour.fixtures.filter((row) => row.version === version).map((row) => row.fixture),
      ).to.deep.equal([null, ...clients]);
    }
    const table = renderGatewayBehaviour(behaviour);
    expect(table).to.include(
      '| `tpp9`: a client fixture added after the table was written | accepted, HTTP 200 |',
    );
    expect(table).to.include('| `tpp2`: valid client certificate from ca2 | closed, no alert |');
  });

  it('writes a close and a reset without an alert alike, and no port or timing, so the table is the same on every run', function () {
    const reset: Observation = {
      ...closedAfterHandshake,
      errorCode: 'ECONNRESET',
      reason:
        'server reset the connection after the handshake, before any response and without a TLS alert (ECONNRESET)',
      timings: { totalMs: 9 },
    };
    expect(summarizeObservation(closedAfterHandshake)).to.equal('closed, no alert, after handshake');
    expect(summarizeObservation(reset)).to.equal('closed, no alert, after handshake');
    const unreachable: Observation = {
      ...closedAfterHandshake,
      outcome: 'error',
      stage: 'tcp',
      reason: 'cannot connect to 127.0.0.1:40123: nothing accepts connections there (ECONNREFUSED)',
    };
    expect(summarizeObservation(unreachable)).to.equal(
      '? could not decide: cannot connect to 127.0.0.1: nothing accepts connections there (ECONNREFUSED)',
    );
  });
});
