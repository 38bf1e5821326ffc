import { expect } from 'chai';
import { forwardedCertificateFormats } from '../harness/pki/forwarded-certificate-format.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { MockTargetOptions } from '../harness/targets/mock-target-options.ts';
import type { NginxVerifyClient } from '../harness/targets/nginx-target-options.ts';
import {
  backendOf,
  declareGateway,
  expectedFailures,
  failuresByTarget,
  gatewayVariants,
  runBackendScenarios,
  verifyModes,
} from './support/backend-verdict-matrix.ts';
import { testFixtures } from './support/fixtures.ts';

/** The mock's settings that let the same clients through as each of nginx's ssl_verify_client modes. */
const mockLike: Record<NginxVerifyClient, MockTargetOptions> = {
  on: { clientAuth: 'require', refusal: 'http' },
  optional: { clientAuth: 'optional', refusal: 'http' },
  optional_no_ca: { misconfiguration: 'accept-any-certificate' },
};

/**
 * The mock gateway writes all five formats, which stock nginx cannot: its safe gateway and both unsafe
 * variants must give nginx's verdicts in each, so a target of any format can be self-tested.
 */
describe('backend scenarios against the mock gateway', function () {
  this.timeout(60_000);
  let set: FixtureSet;
  let failures: Map<string, string[]>;

  before(async () => {
    set = await testFixtures();
    const specs = [
      // Every format where the variants differ most: certificates from any CA reach the application.
      ...forwardedCertificateFormats.flatMap((format) =>
        gatewayVariants.map((variant) => ({ format, variant, mode: 'optional_no_ca' as const })),
      ),
      // One format under the other two modes.
      ...gatewayVariants.flatMap((variant) =>
        (['on', 'optional'] as const).map((mode) => ({ format: 'pem-urlencoded' as const, variant, mode })),
      ),
    ].map(({ format, variant, mode }) => ({
      provider: 'mock' as const,
      declaration: declareGateway(`${format}-${variant}-${mode}`, backendOf(format, variant)),
      mock: mockLike[mode],
    }));
    failures = failuresByTarget(await runBackendScenarios(set, specs));
  });

  for (const format of forwardedCertificateFormats) {
    it(`${format}: safe passes all five; each unsafe variant fails nginx's scenarios (optional_no_ca)`, () => {
      for (const variant of gatewayVariants) {
        expect(failures.get(`${format}-${variant}-optional_no_ca`), variant).to.deep.equal(
          expectedFailures[variant].optional_no_ca,
        );
      }
    });
  }

  for (const mode of verifyModes.filter((each) => each !== 'optional_no_ca')) {
    it(`pem-urlencoded like ssl_verify_client ${mode}: nginx's verdicts`, () => {
      for (const variant of gatewayVariants) {
        expect(failures.get(`pem-urlencoded-${variant}-${mode}`), variant).to.deep.equal(
          expectedFailures[variant][mode],
        );
      }
    });
  }
});
