import {
  executeScenario,
  planSelectedScenarios,
  serverScenarios,
  type BoundedPool,
  type PlannedScenario,
  type ScenarioSelection,
  type SuitePlanner,
  type TargetContext,
} from '../../harness/index.ts';

/**
 * The server suite: the whole catalogue against an endpoint that should accept exactly the clients
 * its trust declaration names. Each scenario is scheduled on the run's pool at once; Mocha awaits them
 * in catalogue order.
 */
export const planServerSuite: SuitePlanner = (
  context: TargetContext,
  selection: ScenarioSelection,
  pool: BoundedPool,
): PlannedScenario[] =>
  planSelectedScenarios(serverScenarios, selection, (scenario, adjustment) =>
    pool.submit(() => executeScenario(scenario, context, adjustment)),
  );
