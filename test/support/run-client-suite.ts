import type { IdentitySource } from '../../harness/pki/load-identity.ts';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult, TargetResult } from '../../harness/report/run-results.ts';
import {
  describeClientUnderTest,
  type ClientUnderTest,
} from '../../harness/runner/client/client-under-test.ts';
import { runConformance } from '../../harness/runner/run-conformance.ts';
import type { ScenarioSelection } from '../../harness/runner/suite-planner.ts';
import { createTargetProvider } from '../../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

export interface ClientSuiteTarget {
  client: ClientUnderTest;
  /** Default `client-under-test`. */
  name?: string;
  /** The CAs the client certificate is declared to chain to. Default `[ca1]`. */
  trusts?: string[];
  /** The files the placeholders point at instead of fixture tpp1. */
  identity?: IdentitySource;
  selection?: ScenarioSelection;
}

/** Runs the client suite against one client under test, through the runner as `run` does. */
export async function runClientSuite(fixtures: FixtureSet, target: ClientSuiteTarget): Promise<TargetResult> {
  const results = await runClientSuites(fixtures, [target]);
  return results.targets[0]!;
}

export function runClientSuites(
  fixtures: FixtureSet,
  targets: readonly ClientSuiteTarget[],
  signal?: AbortSignal,
): Promise<RunResults> {
  return runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 8,
    timeouts: {},
    ...(signal ? { signal } : {}),
    targets: targets.map((target) => {
      const declaration = {
        name: target.name ?? 'client-under-test',
        url: describeClientUnderTest(target.client),
        trusts: target.trusts ?? ['ca1'],
        rejectAt: 'any' as const,
        tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
      };
      return {
        declaration: { ...declaration, tlsVersions: [...declaration.tlsVersions] },
        suite: 'client' as const,
        provider: createTargetProvider(
          { provider: 'url', declaration: { ...declaration, tlsVersions: [...declaration.tlsVersions] } },
          fixtures,
        ),
        ...(target.identity ? { identity: target.identity } : {}),
        selection: target.selection ?? {},
        clientUnderTest: target.client,
      };
    }),
  });
}

/** `id: verdict — reason`, one line per scenario: what an assertion message shows. */
export function clientVerdicts(target: TargetResult): string {
  return target.scenarios
    .map((scenario) => `${scenario.id}: ${scenario.verdict} — ${scenario.reason}`)
    .join('\n');
}

export function scenarioOf(target: TargetResult, id: string): ScenarioResult {
  const found = target.scenarios.find((scenario) => scenario.id === id);
  if (!found) throw new Error(`no scenario ${id} in ${target.name}: ${clientVerdicts(target)}`);
  return found;
}

/** Ids by verdict, in catalogue order. */
export function idsWithVerdict(target: TargetResult, verdict: ScenarioResult['verdict']): string[] {
  return target.scenarios.filter((scenario) => scenario.verdict === verdict).map((scenario) => scenario.id);
}
