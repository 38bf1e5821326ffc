import { parse } from 'yaml';
import { HarnessError } from '../common/harness-error.ts';
import type { FixtureSpec } from './fixture-spec.ts';
import { readInputFile } from './read-input-file.ts';
import { validateFixtureSpec } from './validate-fixture-spec.ts';

/**
 * Reads and validates a `--spec FILE`: YAML, or JSON (a subset of YAML 1.2, so one parser reads
 * both). Every problem is reported at once, each with its field path.
 */
export async function readFixtureSpecFile(file: string): Promise<FixtureSpec> {
  const text = (await readInputFile(file, 'fixture spec')).toString('utf8');
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    // The yaml package's first line names the problem and its position (`... at line 6, column 1:`).
    const reason = ((error as Error).message.split('\n')[0] ?? '').replace(/:$/, '');
    throw new HarnessError(`${file}: not valid YAML or JSON (${reason}). Fix the syntax.`, { cause: error });
  }
  validateFixtureSpec(parsed, file);
  return parsed as FixtureSpec;
}
