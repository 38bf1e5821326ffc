import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../harness/config/load-config.ts';
import type { HarnessConfig } from '../../harness/config/config-types.ts';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult } from '../../harness/report/run-results.ts';
import { runConformance, type RunTargetSpec } from '../../harness/runner/run-conformance.ts';
import { authScenarios } from '../../harness/scenarios/catalogue.ts';
import { suitePlanners } from '../../suites/index.ts';
import { testPassphrase } from './fixtures.ts';

/** The ids of the auth-* scenarios a target that declares `auth:` adds to the server suite. */
export const authScenarioIds = authScenarios.map((scenario) => scenario.id);

/** Runs only the scenarios `only` (default: the auth set) of one target spec. */
export function runOnly(
  set: FixtureSet,
  spec: RunTargetSpec,
  only: string[] = authScenarioIds,
): Promise<RunResults> {
  return runConformance({
    fixtures: set,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 6,
    timeouts: {},
    targets: [{ ...spec, selection: { ...spec.selection, only } }],
  });
}

/** The scenario results of a one-target run. */
export function scenariosOf(results: RunResults): ScenarioResult[] {
  return results.targets[0]?.scenarios ?? [];
}

/** The result of scenario `id` of a one-target run; throws when it did not run. */
export function resultOf(results: RunResults, id: string): ScenarioResult {
  const found = scenariosOf(results).find((scenario) => scenario.id === id);
  if (found === undefined) throw new Error(`no result for ${id}`);
  return found;
}

/**
 * For a describe block of auth-mode runs: sets the credential variables `env` for its duration (the
 * mock reads them when it starts, as a run does) and makes a folder configs are read from. Returns a
 * function that parses a config text there into its one target.
 */
export function useAuthRunEnvironment(
  env: Record<string, string>,
  prefix: string,
): (configText: string) => HarnessConfig['targets'][number] {
  let folder = '';
  before(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
    Object.assign(process.env, env);
  });
  after(() => {
    for (const name of Object.keys(env)) Reflect.deleteProperty(process.env, name);
    rmSync(folder, { recursive: true, force: true });
  });
  return (configText) => {
    const config = parseConfig(configText, { file: 'mtls-conformance.yaml', baseDir: folder, env });
    const [target] = config.targets;
    if (target === undefined) throw new Error('the config has no target');
    return target;
  };
}
