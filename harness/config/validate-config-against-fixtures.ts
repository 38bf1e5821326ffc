import { environmentProblems, needsOfTarget } from './check-config-environment.ts';
import { ConfigError } from './config-problem.ts';
import type { HarnessConfig } from './config-types.ts';

/**
 * For a config loaded before its fixture set existed (`run` generates a missing set after loading the
 * config): checks trusts and serverCa against the set's CA names, and again the files and passphrase
 * variables, and throws one ConfigError naming every problem. loadConfig({ fixtureNames }) does the
 * same in its own pass when the names are known up front.
 */
export function validateConfigAgainstFixtures(
  config: HarnessConfig,
  fixtureNames: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const problems = config.targets.flatMap((target) =>
    environmentProblems(needsOfTarget(target), { fixtureNames, env }),
  );
  if (problems.length > 0) throw new ConfigError(config.source, problems);
}
