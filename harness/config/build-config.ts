import { resolve } from 'node:path';
import { environmentProblems, needsOfEntry } from './check-config-environment.ts';
import { unsetVariableProblems } from './secret-variable-needs.ts';
import { duplicateNameProblems, targetSemanticProblems } from './check-config-semantics.ts';
import { configDefaults } from './config-defaults.ts';
import { defaultConfigLimits, targetCountProblem, type ConfigLimits } from './config-limits.ts';
import { ConfigError, renderPath, type ConfigProblem } from './config-problem.ts';
import { schemaErrors } from './config-schema.ts';
import type { ConfigFile, ConfigSource, HarnessConfig, TargetEntry } from './config-types.ts';
import { expandTargetsFiles } from './expand-targets-files.ts';
import { normalizeSettings, normalizeTarget } from './normalize-config.ts';
import { schemaProblems } from './schema-problems.ts';

export interface BuildConfigOptions {
  /**
   * CA names of the fixture set; when given, trusts and serverCa are checked in the same pass. A
   * function gets the config's fixture folder (absolute) and may answer undefined: not known yet.
   */
  fixtureNames?: readonly string[] | ((fixturesDir: string) => readonly string[] | undefined);
  /** Where passphrase variables are looked up. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * The run names the fixture passphrase's variable itself (`--fixtures-passphrase-env`), so the
   * config's `fixtures.passphraseEnv` is not read and its variable need not be set. Default false.
   */
  fixturesPassphraseOverridden?: boolean;
  /** How large a config and its targets files may be, and how many targets; see defaultConfigLimits. */
  limits?: Partial<ConfigLimits>;
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
  const fixtureNames =
    typeof options.fixtureNames === 'function'
      ? options.fixtureNames(fixturesFolderOf(data, source.baseDir))
      : options.fixtureNames;
  const environment = {
    ...(fixtureNames !== undefined && { fixtureNames }),
    env: options.env ?? process.env,
  };
  const limits = { ...defaultConfigLimits, ...options.limits };
  const listed = expandTargetsFiles({
    lists: listsOf(data),
    takenNames: entries.map((entry) => (entry as { name?: unknown } | null)?.name).filter(isString),
    baseDir: source.baseDir,
    environment,
    maxFileBytes: limits.maxConfigBytes,
  });
  // Before the schema: validating 100 000 targets takes longer than refusing them.
  const tooMany = targetCountProblem(
    { written: entries.length, listed: listed.entries.length },
    limits,
    source.kind === 'flags',
  );
  if (tooMany) throw new ConfigError(source, [tooMany]);
  const problems = firstPerField([
    ...schemaProblems(schemaErrors(data), data),
    ...missingTargetsProblems(data),
    ...listed.problems,
    ...entries.flatMap((entry, index) => targetSemanticProblems(entry, index)),
    ...duplicateNameProblems(entries),
    ...(options.fixturesPassphraseOverridden ? [] : fixturesPassphraseProblems(data, environment.env)),
    ...entries.flatMap((entry, index) =>
      environmentProblems(needsOfEntry(entry, index, source.baseDir), environment),
    ),
  ]).concat(listed.lineProblems);
  if (problems.length > 0) throw new ConfigError(source, problems);
  const file = data as ConfigFile;
  // Listed endpoints follow the written targets, in file order: reports and shards rely on that order.
  const all = [...(file.targets ?? []), ...listed.entries];
  return {
    source,
    ...normalizeSettings(file, source.baseDir),
    targets: all.map((entry: TargetEntry, index) => normalizeTarget(entry, index, source.baseDir)),
  };
}

/** The folder `fixtures:` names (default ./fixtures), resolved as normalizeSettings does. */
function fixturesFolderOf(data: unknown, baseDir: string): string {
  const written = (data as { fixtures?: unknown } | null)?.fixtures;
  const dir = typeof written === 'object' && written !== null ? (written as { dir?: unknown }).dir : written;
  return resolve(baseDir, typeof dir === 'string' ? dir : configDefaults.fixtures);
}

/** `fixtures.passphraseEnv` names a variable that is not set: the run could not open the keystores. */
function fixturesPassphraseProblems(data: unknown, env: NodeJS.ProcessEnv): ConfigProblem[] {
  const fixtures = (data as { fixtures?: unknown } | null)?.fixtures;
  const variable =
    typeof fixtures === 'object' && fixtures !== null
      ? (fixtures as { passphraseEnv?: unknown }).passphraseEnv
      : undefined;
  if (typeof variable !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return [];
  return unsetVariableProblems([{ field: ['passphraseEnv'], name: variable }], env, (...path) => [
    'fixtures',
    ...path,
  ]);
}

// The schema cannot require "targets or targetsFiles" with a message a person can act on; this can.
function missingTargetsProblems(data: unknown): ConfigProblem[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  if ('targets' in data || 'targetsFiles' in data) return [];
  return [
    {
      path: ['targets'],
      message: 'missing; list the endpoints to check (mtls-conformance init writes an example)',
    },
  ];
}

function listsOf(data: unknown): unknown[] {
  if (typeof data !== 'object' || data === null) return [];
  const lists = (data as { targetsFiles?: unknown }).targetsFiles;
  return Array.isArray(lists) ? lists : [];
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
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
