import { environmentProblems, needsOfEntry } from './check-config-environment.ts';
import { duplicateNameProblems, targetSemanticProblems } from './check-config-semantics.ts';
import { ConfigError, renderPath, type ConfigProblem } from './config-problem.ts';
import { schemaErrors } from './config-schema.ts';
import type { ConfigFile, ConfigSource, HarnessConfig, TargetEntry } from './config-types.ts';
import { normalizeSettings, normalizeTarget } from './normalize-config.ts';
import { schemaProblems } from './schema-problems.ts';

export interface BuildConfigOptions {
  /** CA names of the fixture set; when given, trusts and serverCa are checked in the same pass. */
  fixtureNames?: readonly string[];
  /** Where passphrase variables are looked up. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Validates parsed config data in three layers (schema, meaning, this machine) and throws one
 * ConfigError with every problem found, or returns the normalised config. Each layer reads only what
 * has the right type, so one pass reports everything and no field twice.
 */
export function buildConfig(
  data: unknown,
  source: ConfigSource,
  options: BuildConfigOptions = {},
): HarnessConfig {
  const entries = targetEntries(data);
  const environment = { ...options, env: options.env ?? process.env };
  const problems = firstPerField([
    ...schemaProblems(schemaErrors(data), data),
    ...entries.flatMap((entry, index) => targetSemanticProblems(entry, index)),
    ...duplicateNameProblems(entries),
    ...entries.flatMap((entry, index) =>
      environmentProblems(needsOfEntry(entry, index, source.baseDir), environment),
    ),
  ]);
  if (problems.length > 0) throw new ConfigError(source, problems);
  const file = data as ConfigFile;
  return {
    source,
    ...normalizeSettings(file, source.baseDir),
    targets: file.targets.map((entry: TargetEntry, index) => normalizeTarget(entry, index, source.baseDir)),
  };
}

function firstPerField(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = renderPath(problem.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function targetEntries(data: unknown): unknown[] {
  if (typeof data !== 'object' || data === null) return [];
  const targets = (data as { targets?: unknown }).targets;
  return Array.isArray(targets) ? targets : [];
}
