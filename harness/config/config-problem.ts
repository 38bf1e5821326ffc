import { HarnessError } from '../common/harness-error.ts';

/** A field path as segments: `['targets', 1, 'trusts', 0]`. */
export type FieldPath = readonly (string | number)[];

/** One thing wrong with a config: where, and a message that says the value seen and what is allowed. */
export interface ConfigProblem {
  path: FieldPath;
  message: string;
}

/**
 * All problems of one config, reported together before any network I/O. The message is one line for
 * one problem (`Cannot load gateway.yaml. targets[0].trusts[0] (line 5): "ca3" is not ...`), and for
 * several a first line that counts them followed by one indented line each, in document order.
 */
export class ConfigError extends HarnessError {
  readonly problems: readonly ConfigProblem[];

  constructor(source: ProblemSource, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    super(formatProblems(source, problems), options);
    this.problems = problems;
  }
}

/** What the messages name: the file (and its line numbers) or the `run` flags. */
export type ProblemSource =
  { kind: 'file'; file: string; lines?: ReadonlyMap<string, number> } | { kind: 'flags' };

export function formatProblems(source: ProblemSource, problems: readonly ConfigProblem[]): string {
  const sorted = sortByLine(source, problems);
  const action = source.kind === 'file' ? `Cannot load ${source.file}` : 'Cannot use the command-line target';
  if (sorted.length === 1) return `${action}. ${formatProblem(source, sorted[0]!)}`;
  const lines = sorted.map((problem) => `  ${formatProblem(source, problem)}`);
  return [`${action}: ${sorted.length} problems.`, ...lines].join('\n');
}

function formatProblem(source: ProblemSource, problem: ConfigProblem): string {
  const message = problem.message.endsWith('.') ? problem.message : `${problem.message}.`;
  if (source.kind === 'flags') return `${flagOf(problem.path)}: ${message}`;
  if (problem.path.length === 0) return message.charAt(0).toUpperCase() + message.slice(1);
  const line = lineOf(source, problem.path);
  return `${renderPath(problem.path)}${line === undefined ? '' : ` (line ${line})`}: ${message}`;
}

/** `targets[1].scenarios.skip["tls-1.3"]`: identifiers after dots, other keys quoted in brackets. */
export function renderPath(path: FieldPath): string {
  let rendered = '';
  for (const segment of path) {
    if (typeof segment === 'number') rendered += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) rendered += rendered ? `.${segment}` : segment;
    else rendered += `[${JSON.stringify(segment)}]`;
  }
  return rendered;
}

/** The line of a field, or of its nearest parent that has one (a missing key has no line of its own). */
function lineOf(source: ProblemSource, path: FieldPath): number | undefined {
  if (source.kind !== 'file' || !source.lines) return undefined;
  for (let length = path.length; length > 0; length -= 1) {
    const line = source.lines.get(renderPath(path.slice(0, length)));
    if (line !== undefined) return line;
  }
  return undefined;
}

// Problems of a config built from flags name the flag, since there is no file to point into.
const flagsByField: Readonly<Record<string, string>> = {
  fixtures: '--fixtures',
  reportDir: '--report-dir',
  concurrency: '--concurrency',
  timeouts: '--timeout',
  name: '--name',
  url: '--target',
  provider: '--provider',
  trusts: '--trusts',
  serverCa: '--server-ca',
  servername: '--servername',
  rejectAt: '--reject-at',
  tlsVersions: '--tls-versions',
  'identity.cert': '--cert',
  'identity.key': '--key',
  'identity.chain': '--chain',
  'identity.p12': '--p12',
  'identity.passphraseEnv': '--passphrase-env',
  identity: '--cert/--p12',
  'scenarios.only': '--only',
  file: '--targets-file',
};

/** The `run` flag a config field comes from (`targets[0].trusts[1]` → `--trusts`). */
export function flagOf(path: FieldPath): string {
  const names = path.filter((segment): segment is string => typeof segment === 'string');
  const fieldNames = names[0] === 'targets' || names[0] === 'targetsFiles' ? names.slice(1) : names;
  for (let length = fieldNames.length; length > 0; length -= 1) {
    const flag = flagsByField[fieldNames.slice(0, length).join('.')];
    if (flag !== undefined) return flag;
  }
  return renderPath(path) || 'the flags';
}

function sortByLine(source: ProblemSource, problems: readonly ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((problem, order) => ({ problem, order, line: lineOf(source, problem.path) ?? Infinity }))
    .sort((a, b) => a.line - b.line || a.order - b.order)
    .map(({ problem }) => problem);
}
