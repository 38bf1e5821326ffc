import { resolve } from 'node:path';
import {
  environmentProblems,
  needsOfEntry,
  unreadableFileProblem,
  type EnvironmentCheckOptions,
} from './check-config-environment.ts';
import { targetSemanticProblems } from './check-config-semantics.ts';
import { fileTooLargeMessage } from './config-limits.ts';
import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry, TargetsFileEntry } from './config-types.ts';
import { readBoundedText } from './read-bounded-text.ts';
import { parseTargetsFile } from './targets-file.ts';

export interface ExpandTargetsFilesInput {
  /** `targetsFiles` as written; entries of the wrong shape are skipped (the schema names them). */
  lists: readonly unknown[];
  /** Names of the config's own `targets`, which listed names must not repeat. */
  takenNames: readonly string[];
  baseDir: string;
  environment: EnvironmentCheckOptions;
  /** The largest list read (ConfigLimits.maxConfigBytes); a larger one is a problem of its `file`. */
  maxFileBytes: number;
}

/**
 * Turns each targets file into target entries that carry the file's shared declaration. The shared
 * declaration is checked once per file (as a target would be, with the same messages, under
 * `targetsFiles[i]`), and the lines of the file each for their URL and name.
 */
export function expandTargetsFiles(input: ExpandTargetsFilesInput): {
  entries: TargetEntry[];
  /** Problems of the shared declarations, one per field like any config problem. */
  problems: ConfigProblem[];
  /** Problems of the files' lines: several may name the same file, each kept. */
  lineProblems: ConfigProblem[];
} {
  const entries: TargetEntry[] = [];
  const problems: ConfigProblem[] = [];
  const lineProblems: ConfigProblem[] = [];
  const taken = new Map(input.takenNames.map((name, index) => [name.toLowerCase(), `targets[${index}]`]));
  input.lists.forEach((list, index) => {
    if (!isListEntry(list)) return;
    const at = (...path: (string | number)[]) => ['targetsFiles', index, ...path];
    const { file, ...shared } = list;
    // The shared declaration as a target of its own, so it gets every check a written target gets.
    const asTarget = { ...shared, name: 'listed', url: 'https://listed.invalid/' };
    const sharedProblems = [
      ...targetSemanticProblems(asTarget, 0),
      ...environmentProblems(needsOfEntry(asTarget, 0, input.baseDir), input.environment),
    ];
    problems.push(...sharedProblems.map((problem) => ({ ...problem, path: at(...problem.path.slice(2)) })));
    const text = readList(resolve(input.baseDir, file), file, input.maxFileBytes);
    if (typeof text !== 'string') {
      problems.push({ path: at('file'), message: text.problem });
      return;
    }
    const parsed = parseTargetsFile(text);
    const messages = [...parsed.problems];
    for (const endpoint of parsed.endpoints) {
      const owner = taken.get(endpoint.name.toLowerCase());
      if (owner !== undefined) {
        messages.push(
          `line ${endpoint.line}: the name ${endpoint.name} is already used by ${owner}; names are unique, ignoring case`,
        );
        continue;
      }
      taken.set(endpoint.name.toLowerCase(), `${file} line ${endpoint.line}`);
      entries.push({ ...shared, name: endpoint.name, url: endpoint.url });
    }
    if (parsed.endpoints.length === 0 && parsed.problems.length === 0) {
      messages.push('lists no endpoint; write one URL a line (https://host:port/path or tls://host:port)');
    }
    lineProblems.push(...messages.map((message) => ({ path: at('file'), message: `${file} ${message}` })));
  });
  return { entries, problems, lineProblems };
}

// Read with the config, synchronously as its other files are checked: all problems before any I/O.
function readList(path: string, file: string, maxBytes: number): string | { problem: string } {
  const problem = unreadableFileProblem(path);
  if (problem !== undefined) return { problem };
  const read = readBoundedText(path, maxBytes);
  if ('tooLarge' in read) {
    return { problem: fileTooLargeMessage(file, read.size, maxBytes) };
  }
  const text = read.text;
  return text.includes('\u0000') ? { problem: `${path} is a binary file, not a list of URLs` } : text;
}

function isListEntry(value: unknown): value is TargetsFileEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { file?: unknown }).file === 'string' &&
    Array.isArray((value as { trusts?: unknown }).trusts)
  );
}
