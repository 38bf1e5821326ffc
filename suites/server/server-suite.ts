import {
  executeScenario,
  serverScenarios,
  skippedScenarioResult,
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
  serverScenarios
    .filter((scenario) => !selection.only || selection.only.includes(scenario.id))
    .map((scenario) => {
      const skipReason = selection.skip?.[scenario.id];
      if (skipReason !== undefined) {
        return {
          id: scenario.id,
          title: scenario.title,
          result: Promise.resolve(skippedScenarioResult(scenario, skipReason)),
        };
      }
      const override = selection.expect?.[scenario.id];
      return {
        id: scenario.id,
        title: scenario.title,
        result: pool.submit(() => executeScenario(scenario, context, override ? { override } : {})),
      };
    });
