import {
  declaredScenarios,
  executeScenario,
  planSelectedScenarios,
  serverScenarios,
  type BoundedPool,
  type PlannedScenario,
  type Scenario,
  type ScenarioAdjustment,
  type ScenarioSelection,
  type SuitePlanner,
  type TargetContext,
} from '../../harness/index.ts';

/** What the declared scenarios need each fixture they present for, for the skip reason. */
const fixtureRoles: Readonly<Record<string, string>> = {
  tpp3: 'a second ca1 client',
  rogue: 'a client of a CA no target trusts',
};

/**
 * The server suite: the whole catalogue against an endpoint that should accept exactly the clients
 * its trust declaration names, then the scenarios its declaration adds (the auth set of a target with
 * `auth:`; most add none). Each scenario is scheduled on the run's pool at once; Mocha awaits them in
 * order.
 */
export const planServerSuite: SuitePlanner = (
  context: TargetContext,
  selection: ScenarioSelection,
  pool: BoundedPool,
): PlannedScenario[] => {
  const schedule = (scenario: Scenario, adjustment: ScenarioAdjustment) =>
    pool.submit(() => executeScenario(scenario, context, adjustment));
  const fixtures = context.fixtures.names();
  const missingFixture = (scenario: Scenario) =>
    scenario.presents.kind === 'fixture' && !fixtures.includes(scenario.presents.fixture)
      ? `the fixture set has no ${scenario.presents.fixture} (add ${fixtureRoles[scenario.presents.fixture] ?? 'a client certificate'} of that name to your spec)`
      : undefined;
  return [
    // A catalogue scenario that needs a declaration (skipFor) says when it has none; an older or custom
    // fixture set may also lack the fixture it presents (`ec-client`).
    ...planSelectedScenarios(serverScenarios, selection, schedule, (scenario) =>
      scenario.skipFor ? (scenario.skipFor(context.declaration) ?? missingFixture(scenario)) : undefined,
    ),
    // A declared scenario fitted to the target says when it has nothing to present; a custom fixture
    // spec may also lack a fixture it names (`tpp3`).
    ...planSelectedScenarios(
      declaredScenarios(context.declaration, 'server'),
      selection,
      schedule,
      (scenario) => scenario.skipReason ?? missingFixture(scenario),
    ),
  ];
};
