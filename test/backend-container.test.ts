import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { CONTAINER_TARGET_LABEL } from '../harness/targets/container-target.ts';
import { suitePlanners } from '../suites/index.ts';
import {
  backendScenarioIds,
  expectedFailures,
  failuresByTarget,
  gatewayVariants,
  verifyModes,
} from './support/backend-verdict-matrix.ts';
import { requireDockerEngine } from './support/docker-available.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { containersLabelled } from './support/target-leftovers.ts';

/**
 * Done-when of issue 17, through the container provider as CI runs it: the generated nginx.conf in a
 * container on the host network proxies to the recording backend on 127.0.0.1, declared in a config
 * as a user writes it (so `nginx.verifyClient` reaches the container's nginx), with the verdicts of
 * the nginx process (docs/backend-identity.md).
 */
describe('backend scenarios through the container provider', function () {
  this.timeout(120_000);
  let set: FixtureSet;
  const prefix = `edge-${randomUUID().slice(0, 6)}`;
  let failures: Map<string, string[]>;

  before(async function () {
    await requireDockerEngine(this);
    set = await testFixtures();
    const targets = gatewayVariants.flatMap((variant) =>
      verifyModes.map((mode) => ({
        name: `${prefix}-${variant}-${mode.replaceAll('_', '-')}`,
        provider: 'container',
        trusts: ['ca1'],
        nginx: { verifyClient: mode },
        backend: {
          format: 'pem-urlencoded',
          ...(variant === 'safe' ? {} : { misconfiguration: variant }),
        },
        scenarios: { only: backendScenarioIds },
      })),
    );
    const config = parseConfig(stringify({ targets }), {
      file: 'backend.yaml',
      baseDir: process.cwd(),
      env: {},
    });
    const results = await runConformance({
      fixtures: set,
      fixturePassphrase: testPassphrase,
      planners: suitePlanners,
      concurrency: 6,
      timeouts: {},
      targets: config.targets.map((target) => toRunTargetSpec(target, set)),
    });
    failures = failuresByTarget(results);
  });

  for (const variant of gatewayVariants) {
    for (const mode of verifyModes) {
      const expected = expectedFailures[variant][mode];
      it(`${variant}, ssl_verify_client ${mode}: ${expected.length === 0 ? 'passes all five' : `fails exactly ${expected.join(', ')}`}`, () => {
        expect(failures.get(`${prefix}-${variant}-${mode.replaceAll('_', '-')}`)).to.deep.equal(expected);
      });
    }
  }

  it('leaves no container behind', async () => {
    for (const name of failures.keys()) {
      expect(await containersLabelled(CONTAINER_TARGET_LABEL, name), name).to.deep.equal([]);
    }
  });
});
