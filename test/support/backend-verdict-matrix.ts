import { existsSync } from 'node:fs';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import {
  defaultForwardedHeaderNames,
  defaultVerifiedValue,
  type ForwardedCertificateFormat,
} from '../../harness/pki/forwarded-certificate-format.ts';
import type { RunResults } from '../../harness/report/run-results.ts';
import { runConformance } from '../../harness/runner/run-conformance.ts';
import {
  backendMisconfigurations,
  type BackendDeclaration,
  type BackendMisconfiguration,
} from '../../harness/scenarios/backend/backend-declaration.ts';
import { backendScenarios } from '../../harness/scenarios/catalogue.ts';
import {
  createTargetProvider,
  type TargetProviderSpec,
} from '../../harness/targets/create-target-provider.ts';
import type { NginxVerifyClient } from '../../harness/targets/nginx-target-options.ts';
import type { LocalTargetDeclaration } from '../../harness/targets/target-provider.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

/** The safe gateway and the two unsafe variants the `misconfiguration` knob produces. */
export type GatewayVariant = 'safe' | BackendMisconfiguration;
export const gatewayVariants: readonly GatewayVariant[] = ['safe', ...backendMisconfigurations];

/** nginx's `ssl_verify_client` modes, each letting a different set of clients reach the application. */
export const verifyModes: readonly NginxVerifyClient[] = ['on', 'optional', 'optional_no_ca'];

export const backendScenarioIds = backendScenarios.map((scenario) => scenario.id);

/**
 * The backend scenarios each gateway fails, per verify mode: the verdict matrix of
 * docs/backend-identity.md. `on` lets only verified clients through, so set-only-when-verified always
 * overwrites and nothing shows; `optional` lets clients without a certificate through;
 * `optional_no_ca` also lets untrusted certificates through.
 */
export const expectedFailures: Readonly<
  Record<GatewayVariant, Readonly<Record<NginxVerifyClient, readonly string[]>>>
> = {
  safe: { on: [], optional: [], optional_no_ca: [] },
  'pass-client-headers': {
    on: ['spoofed-header-with-other-cert', 'header-garbage'],
    optional: ['spoofed-header-without-cert', 'spoofed-header-with-other-cert', 'header-garbage'],
    optional_no_ca: [
      'spoofed-header-without-cert',
      'spoofed-header-with-other-cert',
      'rejected-cert-not-forwarded',
      'header-garbage',
    ],
  },
  'set-only-when-verified': {
    on: [],
    optional: ['spoofed-header-without-cert'],
    optional_no_ca: ['spoofed-header-without-cert', 'rejected-cert-not-forwarded'],
  },
};

/** The matrix as docs/backend-identity.md shows it: one row per gateway and mode, ✗ where it fails. */
export function renderVerdictMatrix(): string {
  const header = `| gateway | \`ssl_verify_client\` | ${backendScenarioIds.map((id) => `\`${id}\``).join(' | ')} |`;
  const rule = `| --- | --- | ${backendScenarioIds.map(() => ':-:').join(' | ')} |`;
  const rows = gatewayVariants.flatMap((variant) =>
    verifyModes.map((mode) => {
      const cells = backendScenarioIds.map((id) =>
        expectedFailures[variant][mode].includes(id) ? '✗ fail' : '✓ pass',
      );
      return `| ${variant} | ${mode} | ${cells.join(' | ')} |`;
    }),
  );
  return [header, rule, ...rows].join('\n');
}

/** A backend declaration with the format's default header names, safe or one unsafe variant. */
export function backendOf(format: ForwardedCertificateFormat, variant: GatewayVariant): BackendDeclaration {
  return {
    format,
    headers: { ...defaultForwardedHeaderNames[format] },
    verifiedValue: defaultVerifiedValue,
    ...(variant === 'safe' ? {} : { misconfiguration: variant }),
  };
}

/** A declaration named for its cell, trusting ca1, with a backend. */
export function declareGateway(name: string, backend: BackendDeclaration): LocalTargetDeclaration {
  return { name, trusts: ['ca1'], rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'], backend };
}

/** Runs only the backend scenarios against every target `specs` describes, in one run. */
export function runBackendScenarios(
  fixtures: FixtureSet,
  specs: readonly TargetProviderSpec[],
): Promise<RunResults> {
  return runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 6,
    timeouts: {},
    targets: specs.map((spec) => ({
      declaration:
        'url' in spec.declaration ? spec.declaration : { ...spec.declaration, url: 'https://127.0.0.1:0/' },
      suite: 'server',
      selection: { only: backendScenarioIds, skip: {}, expect: {} },
      provider: createTargetProvider(spec, fixtures),
    })),
  });
}

/** The failing scenario ids of each target of a run, by target name; a target that did not start throws. */
export function failuresByTarget(results: RunResults): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const target of results.targets) {
    if (target.error !== undefined) throw new Error(`target ${target.name} did not start: ${target.error}`);
    const ran = target.scenarios.map((scenario) => scenario.id);
    if (ran.join() !== backendScenarioIds.join()) throw new Error(`target ${target.name} ran ${ran.join()}`);
    byName.set(
      target.name,
      target.scenarios.filter((scenario) => scenario.verdict !== 'pass').map((scenario) => scenario.id),
    );
  }
  return byName;
}

export const nginxInstalled = existsSync('/usr/sbin/nginx');
