import type { RunResults } from './run-results.ts';

/**
 * results.json in pieces, a target at a time (issue 21), byte for byte what
 * `JSON.stringify(results, null, 2) + '\n'` makes: written as they come, a run of a thousand targets
 * never holds the whole file as one string. Only `targets` is split; the other fields are small.
 */
export function* resultsJsonChunks(results: RunResults): Generator<string> {
  const fields = Object.entries(results).filter(([, value]) => isSerialized(value));
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [index, [key, value]] of fields.entries()) {
    const separator = index === 0 ? '\n  ' : ',\n  ';
    if (key === 'targets' && Array.isArray(value) && value.length > 0) {
      yield `${separator}${JSON.stringify(key)}: [`;
      for (const [position, target] of (value as unknown[]).entries())
        yield `${position === 0 ? '\n    ' : ',\n    '}${indent(JSON.stringify(target, null, 2), '    ')}`;
      yield '\n  ]';
    } else {
      yield `${separator}${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;
    }
  }
  yield '\n}\n';
}

/** JSON.stringify leaves out object fields whose value is undefined, a function or a symbol. */
function isSerialized(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** A nested value's lines after the first, shifted by the depth it sits at. */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}
