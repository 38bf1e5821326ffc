import { readFile } from 'node:fs/promises';
import { HarnessError } from '../common/harness-error.ts';
import type { RunResults } from '../report/run-results.ts';

/** The results.json versions this tool reads. */
export const readableResultsVersions: readonly number[] = [1];

/**
 * Reads a results.json written by `mtls-conformance run`, for a baseline or `report diff`. Every way it
 * can be unusable (missing, unreadable, not JSON, another kind of file, a version this tool does not
 * read, a broken shape) is one HarnessError line that names `what` (`the --baseline file`) and the path.
 * Checks the fields a diff relies on; others are taken as they are (readers ignore unknown fields).
 */
export async function readResultsFile(path: string, what: string): Promise<RunResults> {
  const fail = (why: string, fix = fixHint, cause?: unknown): never => {
    throw new HarnessError(
      `Cannot read ${what} ${path}: ${why}. ${fix}`,
      cause === undefined ? {} : { cause },
    );
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(readError(error), fixHint, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Node quotes the start of the input in its message, newlines and all: keep the error one line.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    fail(`it is not JSON (${reason})`, fixHint, error);
  }
  if (!isObject(value)) return fail(`it is JSON but not a results.json (${describeJson(value)} at the top)`);
  if ('differences' in value && 'gate' in value) return fail('it is a diff.json, not a results.json');
  const tool = isObject(value.tool) ? value.tool.name : undefined;
  if (tool !== 'mtls-conformance' || !('version' in value)) {
    return fail(
      'it is JSON but not a results.json of mtls-conformance (no "tool.name": "mtls-conformance" and "version")',
    );
  }
  if (typeof value.version !== 'number' || !readableResultsVersions.includes(value.version)) {
    return fail(
      `it is results.json version ${JSON.stringify(value.version)}, and this mtls-conformance reads version ${readableResultsVersions.join(', ')}`,
      'Use an mtls-conformance that reads it, or make the baseline again with this one.',
    );
  }
  const problem = shapeProblem(value);
  if (problem) return fail(`it is not a valid results.json version 1: ${problem}`);
  return value as unknown as RunResults;
}

const fixHint = "Give the results.json an earlier 'mtls-conformance run' wrote into its --report-dir.";

function readError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

// What a diff reads without checking again: names, ids, verdicts and the observations' outcomes.
function shapeProblem(results: Record<string, unknown>): string | undefined {
  const checks: [unknown, string, string][] = [
    [results.startedAt, 'startedAt', 'string'],
    [results.finishedAt, 'finishedAt', 'string'],
    [results.interrupted, 'interrupted', 'boolean'],
  ];
  for (const [field, path, type] of checks) {
    if (typeof field !== type) return `${path} is ${describeJson(field)}, not a ${type}`;
  }
  if (!Array.isArray(results.targets)) return `targets is ${describeJson(results.targets)}, not an array`;
  for (const [t, target] of results.targets.entries()) {
    if (!isObject(target)) return `targets[${t}] is ${describeJson(target)}, not an object`;
    if (typeof target.name !== 'string')
      return `targets[${t}].name is ${describeJson(target.name)}, not a string`;
    if (typeof target.url !== 'string')
      return `targets[${t}].url is ${describeJson(target.url)}, not a string`;
    if (!Array.isArray(target.scenarios)) {
      return `targets[${t}].scenarios is ${describeJson(target.scenarios)}, not an array`;
    }
    for (const [s, scenario] of target.scenarios.entries()) {
      const path = `targets[${t}].scenarios[${s}]`;
      if (!isObject(scenario)) return `${path} is ${describeJson(scenario)}, not an object`;
      if (typeof scenario.id !== 'string') return `${path}.id is ${describeJson(scenario.id)}, not a string`;
      if (typeof scenario.verdict !== 'string') {
        return `${path}.verdict is ${describeJson(scenario.verdict)}, not a string`;
      }
      const observed = scenario.observed;
      if (observed !== null && !(isObject(observed) && typeof observed.outcome === 'string')) {
        return `${path}.observed is ${describeJson(observed)}, not an observation or null`;
      }
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
