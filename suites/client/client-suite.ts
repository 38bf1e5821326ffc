import {
  clientScenarios,
  executeClientScenario,
  planSelectedScenarios,
  type BoundedPool,
  type PlannedScenario,
  type ScenarioSelection,
  type SuitePlanner,
  type TargetContext,
} from '../../harness/index.ts';

/**
 * The client suite: the harness is the server. Each scenario starts its own mock server and runs the
 * target's client under test against it, so scenarios share nothing and run on the pool like probes.
 * A `wait` target runs them one at a time: a person, or a platform they drive, answers each in turn.
 */
export const planClientSuite: SuitePlanner = (
  context: TargetContext,
  selection: ScenarioSelection,
  pool: BoundedPool,
): PlannedScenario[] => {
  const oneAtATime = context.clientUnderTest?.kind === 'wait';
  let previous: Promise<unknown> = Promise.resolve();
  return planSelectedScenarios(clientScenarios, selection, (scenario, adjustment) => {
    const execute = () => executeClientScenario(scenario, context, adjustment);
    const result = oneAtATime ? previous.then(() => pool.submit(execute)) : pool.submit(execute);
    // The next one waits for this one to end, however it ends.
    previous = result.catch(() => undefined);
    return result;
  });
};
