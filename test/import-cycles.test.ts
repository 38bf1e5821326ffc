import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'chai';
import { describeCycle, importCycles, importGraph, readSources } from './support/import-cycles.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('imports: no cycle in harness/ or suites/', () => {
  it('harness/ and suites/: no file imports itself through others, type imports included', () => {
    const sources = new Map([...readSources(join(root, 'harness')), ...readSources(join(root, 'suites'))]);
    expect(sources.size).to.be.greaterThan(300);
    const cycles = importCycles(importGraph(sources)).map((cycle) => describeCycle(cycle, root));
    expect(cycles, 'break each cycle: move what both files need into a file of its own').to.deep.equal([]);
  });

  it('names a cycle whole, from its first file, through type-only and re-export imports', () => {
    const at = (name: string) => join(root, 'virtual', name);
    const sources = new Map([
      [at('a.ts'), "import type { B } from './b.ts';\nexport interface A { b: B }\n"],
      [at('b.ts'), "export { c } from './c.ts';\nexport interface B { n: number }\n"],
      [at('c.ts'), "import { a } from './a.ts';\nexport const c = a;\n"],
      [at('d.ts'), "import { c } from './c.ts';\nimport('./d.ts');\nexport const d = c;\n"],
      [at('self.ts'), "import { s } from './self.ts';\nexport const t = s;\n"],
    ]);
    const cycles = importCycles(importGraph(sources)).map((cycle) => describeCycle(cycle, root));
    expect(cycles.sort()).to.deep.equal([
      'virtual/a.ts → virtual/b.ts → virtual/c.ts → virtual/a.ts',
      'virtual/self.ts → virtual/self.ts',
    ]);
  });
});
