import { oneLine } from './printable-text.ts';
import type { ScenarioResult, TargetResult } from './run-results.ts';

// The runner's Mocha tests, report.html, junit.xml and the terminal name targets and scenarios with
// these, so a Mocha reporter's output, a merged run and a saved results.json all read alike.

/** The `describe` of one target: `gateway (server: https://127.0.0.1:8443/healthcheck)`. */
export function targetSuiteTitle(target: Pick<TargetResult, 'name' | 'suite' | 'url'>): string {
  return oneLine(`${target.name} (${target.suite}: ${target.url})`);
}

/** The `it` of one scenario: `second-ca-client: Client certificate from a second CA with the same name`. */
export function scenarioTestTitle(scenario: Pick<ScenarioResult, 'id' | 'title'>): string {
  return oneLine(`${scenario.id}: ${scenario.title}`);
}

/** The test that stands for a target that could not be started or reached at all. */
export const targetStartTestTitle = 'the target starts';

/** The failure message of that test. */
export function targetStartFailure(error: string): string {
  return oneLine(`target did not start: ${error}`);
}

/** The test that stands for an endpoint the harness did not start (provider `url`) and could not reach. */
export const targetReachableTestTitle = 'the target is reachable';

/** The test standing for a target with an `error`: it did not start, or (provider `url`) is unreachable. */
export function targetErrorTestTitle(target: Pick<TargetResult, 'provider'>): string {
  return target.provider === 'url' ? targetReachableTestTitle : targetStartTestTitle;
}

/** Its failure message: `target unreachable: cannot connect to …`, or `target did not start: …`. */
export function targetErrorMessage(target: Pick<TargetResult, 'provider'> & { error: string }): string {
  return target.provider === 'url'
    ? oneLine(`target unreachable: ${target.error}`)
    : targetStartFailure(target.error);
}
