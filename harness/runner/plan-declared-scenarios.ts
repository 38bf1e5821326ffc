import { declaredScenarios } from '../scenarios/catalogue.ts';
import type { Suite } from '../report/run-results.ts';
import type { BoundedPool } from './bounded-pool.ts';
import { executeScenario } from './server/execute-scenario.ts';
import { planSelectedScenarios } from './plan-selected-scenarios.ts';
import type { PlannedScenario } from './planned-run.ts';
import type { ScenarioSelection } from './suite-planner.ts';
import type { TargetContext } from './target-context.ts';

/** What the declared scenarios need each fixture they present for, for the skip reason. */
const fixtureRoles: Readonly<Record<string, string>> = {
  tpp3: 'a second ca1 client',
  rogue: 'a client of a CA no target trusts',
};

/**
 * Schedules the scenarios a target's declaration adds to its suite (the auth set of a target with
 * `auth:`), with the same selection rules as the suites: `only`, `skip` with its reason, `expect`.
 * A scenario whose fixture the set lacks (`tpp3` in a custom spec) is skipped with that reason.
 */
export function planDeclaredScenarios(
  context: TargetContext,
  suite: Suite,
  selection: ScenarioSelection,
  pool: BoundedPool,
): PlannedScenario[] {
  const names = context.fixtures.names();
  return planSelectedScenarios(
    declaredScenarios(context.declaration, suite),
    selection,
    (scenario, adjustment) => pool.submit(() => executeScenario(scenario, context, adjustment)),
    (scenario) =>
      scenario.presents.kind === 'fixture' && !names.includes(scenario.presents.fixture)
        ? `the fixture set has no ${scenario.presents.fixture} (add ${fixtureRoles[scenario.presents.fixture] ?? 'a client certificate'} of that name to your spec)`
        : undefined,
  );
}
