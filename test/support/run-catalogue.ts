import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult, TargetResult } from '../../harness/report/run-results.ts';
import { runConformance } from '../../harness/runner/run-conformance.ts';
import {
  createTargetProvider,
  type TargetProviderSpec,
} from '../../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

/** Runs the whole server catalogue against the targets `specs` describe, started and stopped by the run. */
export function runServerCatalogue(
  fixtures: FixtureSet,
  specs: readonly TargetProviderSpec[],
): Promise<RunResults> {
  return runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 8,
    timeouts: {},
    targets: specs.map((spec) => ({
      // The runner replaces the URL with the started target's.
      declaration:
        'url' in spec.declaration ? spec.declaration : { ...spec.declaration, url: 'https://127.0.0.1:0/' },
      suite: 'server',
      selection: {},
      provider: createTargetProvider(spec, fixtures),
    })),
  });
}

/** The result of the named target; throws when the run has none. */
export function targetNamed(results: RunResults, name: string): TargetResult {
  const target = results.targets.find((candidate) => candidate.name === name);
  if (target === undefined) throw new Error(`the run has no target named ${name}`);
  return target;
}

/** `id: verdict (outcome at stage: evidence)`, one line per scenario: what a comparison or a failure shows. */
export function verdictLines(target: TargetResult): string[] {
  return target.scenarios.map(
    (scenario) => `${scenario.id}: ${scenario.verdict} (${observedLine(scenario)})`,
  );
}

function observedLine(scenario: ScenarioResult): string {
  const observed = scenario.observed;
  if (observed === null) return 'nothing sent';
  const evidence = observed.http
    ? `HTTP ${observed.http.status}`
    : observed.alert
      ? `alert ${observed.alert.name}`
      : (observed.errorCode ?? '');
  return `${observed.outcome} at ${observed.stage}: ${evidence}`;
}

/** Ids of the scenarios whose verdict is `fail`. */
export function failedIds(target: TargetResult): string[] {
  return target.scenarios.filter((scenario) => scenario.verdict === 'fail').map((scenario) => scenario.id);
}
