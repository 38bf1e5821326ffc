import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult } from '../../harness/report/run-results.ts';
import { runConformance } from '../../harness/runner/run-conformance.ts';
import type { SessionJournal } from '../../harness/runner/session-journal.ts';
import type { TargetDeclaration } from '../../harness/scenarios/scenario.ts';
import { createTargetProvider } from '../../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

/** The scenarios around the edge, in report order. */
export const edgeIds = [
  'sni-host-mismatch',
  'no-sni',
  'resumed-session-other-vhost',
  'resumption-keeps-verification',
  'resumed-after-trust-change',
] as const;

/**
 * Runs the server suite, with the scenarios the declaration adds, against an endpoint that is already
 * up (a `url` target), and returns the edge scenarios' results by id.
 */
export async function runEdgeScenarios(
  fixtures: FixtureSet,
  declaration: TargetDeclaration,
  options: { sessionJournal?: SessionJournal; only?: readonly string[] } = {},
): Promise<{ results: RunResults; edge: Record<string, ScenarioResult> }> {
  const results = await runConformance({
    fixtures,
    fixturePassphrase: testPassphrase,
    targets: [
      {
        declaration,
        suite: 'server',
        provider: createTargetProvider({ provider: 'url', declaration }, fixtures),
        selection: { only: options.only ?? [...edgeIds] },
      },
    ],
    planners: suitePlanners,
    concurrency: 8,
    timeouts: {},
    ...(options.sessionJournal ? { sessionJournal: options.sessionJournal } : {}),
  });
  const scenarios = results.targets[0]?.scenarios ?? [];
  return { results, edge: Object.fromEntries(scenarios.map((scenario) => [scenario.id, scenario])) };
}

/** `id: verdict` lines of the edge scenarios that ran, for one readable assertion. */
export function edgeVerdicts(edge: Record<string, ScenarioResult>): string[] {
  return edgeIds.filter((id) => edge[id]).map((id) => `${id}: ${edge[id]!.verdict}`);
}
