import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Module → the modules it imports, by path. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The relative imports between `files` (path → source), type-only imports and `export … from`
 * included: a cycle of types still ties two files into one concept. Dynamic `import()` is left out:
 * the CLI loads only the command it runs on purpose, and a lazy import does not run at load time.
 */
export function importGraph(files: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, source] of files) {
    const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const imported = parsed.statements.flatMap((statement) => {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier !== undefined &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (specifier === undefined || !specifier.startsWith('.')) return [];
      const target = resolve(dirname(file), specifier);
      return files.has(target) ? [target] : [];
    });
    graph.set(file, imported);
  }
  return graph;
}

/**
 * Every import cycle, each as the files around it from its first file back to it
 * (`a.ts → b.ts → a.ts`): one per strongly connected component of the graph (Tarjan), walked along
 * its imports, so a cycle of several files is named whole.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components.map((component) => cycleThrough(component, graph));
}

/** A closed walk from the component's first file (by name) along imports that stay inside it. */
function cycleThrough(component: readonly string[], graph: ImportGraph): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  // Breadth-first from start back to start, so the named cycle is a shortest one.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of graph.get(file) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return [...component, start];
}

/** The TypeScript sources under `folder` (tests and declaration files excepted), by absolute path. */
export function readSources(folder: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile() && /(?<!\.d|\.test)\.ts$/.test(entry.name)) {
      sources.set(resolve(file), readFileSync(file, 'utf8'));
    }
  }
  return sources;
}

/** `harness/a.ts → harness/b.ts → harness/a.ts`, relative to `root`. */
export function describeCycle(cycle: readonly string[], root: string): string {
  return cycle.map((file) => relative(root, file)).join(' → ');
}
