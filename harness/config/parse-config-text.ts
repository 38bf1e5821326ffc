import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ConfigProblem } from './config-problem.ts';
import { renderPath } from './config-problem.ts';

export type ParsedConfigText =
  { ok: true; data: unknown; lines: ReadonlyMap<string, number> } | { ok: false; problems: ConfigProblem[] };

/**
 * Parses YAML or JSON (JSON is YAML 1.2) and records the line of every field, so messages can say
 * `targets[1].trusts[0] (line 12)`. Duplicate keys are an error, as YAML 1.2 §3.2.1.1 requires.
 */
export function parseConfigText(text: string): ParsedConfigText {
  const lineCounter = new LineCounter();
  // logLevel 'error': the yaml package would print its warnings (a mapping used as a key) on stderr
  // through process.emitWarning; the schema reports such a key as a problem of its own.
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    logLevel: 'error',
  });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const position = error.linePos?.[0];
        const where = position ? ` (line ${position.line}, column ${position.col})` : '';
        return { path: [], message: `it is not valid YAML or JSON${where}: ${firstLine(error.message)}` };
      }),
    };
  }
  if (document.contents === null) {
    return {
      ok: false,
      problems: [{ path: [], message: 'it is empty; mtls-conformance init writes a starter config' }],
    };
  }
  const lines = new Map<string, number>();
  recordLines(document.contents, [], lines, lineCounter);
  try {
    // Aliases are resolved into plain data; `maxAliasCount` bounds a "billion laughs" expansion.
    return { ok: true, data: document.toJS({ maxAliasCount: 100 }) as unknown, lines };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: [], message: `its YAML aliases cannot be expanded: ${reason}` }] };
  }
}

function recordLines(
  node: Node,
  path: (string | number)[],
  lines: Map<string, number>,
  counter: LineCounter,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      if (pair.key.range) lines.set(renderPath(childPath), counter.linePos(pair.key.range[0]).line);
      if (pair.value && typeof pair.value === 'object')
        recordLines(pair.value as Node, childPath, lines, counter);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (!item || typeof item !== 'object') return;
      const childPath = [...path, index];
      const range = (item as Node).range;
      if (range) lines.set(renderPath(childPath), counter.linePos(range[0]).line);
      recordLines(item as Node, childPath, lines, counter);
    });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
