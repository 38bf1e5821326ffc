import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { TargetResult } from '../../harness/report/run-results.ts';
import { runConformance } from '../../harness/runner/run-conformance.ts';
import type { RevocationDeclaration } from '../../harness/scenarios/revocation/revocation-declaration.ts';
import { revocationScenarios } from '../../harness/scenarios/revocation/revocation-scenarios.ts';
import {
  createTargetProvider,
  type TargetProviderSpec,
} from '../../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

/** A declaration trusting ca1 with the given `revocation:` block, for a target the run starts. */
export function revocationDeclaration(name: string, revocation?: Partial<RevocationDeclaration>) {
  return {
    name,
    trusts: ['ca1'],
    rejectAt: 'any' as const,
    tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
    ...(revocation === undefined
      ? {}
      : { revocation: { crl: false, ocsp: 'off' as const, crlFile: 'current' as const, ...revocation } }),
  };
}

/**
 * Runs only the revocation set against one started target, after trusted-client and intermediate-chain:
 * a target with CRLs must still let in a good client, and one behind an intermediate (its CRL is there).
 */
export async function runRevocationScenarios(
  fixtures: FixtureSet,
  spec: TargetProviderSpec,
  ids: readonly string[] = [
    'trusted-client',
    'intermediate-chain',
    ...revocationScenarios.map((scenario) => scenario.id),
  ],
): Promise<TargetResult> {
  const results = await runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 4,
    timeouts: {},
    targets: [
      {
        declaration:
          'url' in spec.declaration ? spec.declaration : { ...spec.declaration, url: 'https://127.0.0.1:0/' },
        suite: 'server',
        selection: { only: ids },
        provider: createTargetProvider(spec, fixtures),
      },
    ],
  });
  const target = results.targets[0];
  if (target === undefined) throw new Error('the run has no target');
  return target;
}

/** `id: verdict`, one per scenario, with the skip reason's start for skipped ones. */
export function revocationVerdicts(target: TargetResult): Record<string, string> {
  return Object.fromEntries(target.scenarios.map((scenario) => [scenario.id, scenario.verdict]));
}
