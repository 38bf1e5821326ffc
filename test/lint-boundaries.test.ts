import { readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import config, { boundaries, maxDepth } from '../eslint.config.js';

// The folder boundaries of eslint.config.js, tried on deliberately bad imports written from the
// folder itself and from two folders below it (no-restricted-imports matches the specifier as written,
// so a rule made of '../cli/*' alone let harness/runner/server/ import '../../cli/…').
const restricted = '@typescript-eslint/no-restricted-imports';

/** The real config's boundary blocks, with a parser that needs no type information. */
function boundaryLinter(): ESLint {
  const blocks = config.filter((block) => block.rules !== undefined && restricted in block.rules);
  return new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@typescript-eslint': tseslint.plugin },
      },
      ...blocks,
    ],
  });
}

/** What a file at `file` writes to import `target` (a module, or a file under a folder of the repository). */
function specifier(file: string, target: string): string {
  if (target.startsWith('node:')) return target;
  const relative = posix.relative(posix.dirname(file), target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

async function restrictionsOn(eslint: ESLint, file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('lint: folder boundaries hold at any depth', function () {
  this.timeout(60_000);
  const eslint = boundaryLinter();
  const folders = Object.entries(boundaries);

  for (const [folder, forbidden] of folders) {
    for (const depth of [0, 2]) {
      const file = posix.join(folder, ...Array<string>(depth).fill('nested'), 'bad-import.ts');
      it(`${file}: refuses ${forbidden.join(', ')}; allows a sibling and type imports`, async () => {
        for (const target of forbidden) {
          // A folder pattern such as harness/* stands for any folder under it.
          const module = target.startsWith('node:')
            ? target
            : `${target.replace(/\*$/, 'runner')}/some-file.ts`;
          const source = `import { a } from '${specifier(file, module)}';\nexport const b = a;\n`;
          const messages = await restrictionsOn(eslint, file, source);
          expect(messages, `${file} importing ${module}`).to.deep.equal([
            `${restricted}: '${specifier(file, module)}' import is restricted from being used by a pattern. ${folder} may not import ${target}`,
          ]);
          const typeOnly = `import type { A } from '${specifier(file, module)}';\nexport type B = A;\n`;
          expect(await restrictionsOn(eslint, file, typeOnly), `type import of ${module}`).to.deep.equal([]);
        }
        const sibling = `import { a } from './sibling.ts';\nexport const b = a;\n`;
        expect(await restrictionsOn(eslint, file, sibling)).to.deep.equal([]);
      });
    }
  }

  it('lets a suite import the public entry point, and the shared runner a suite folder only for types', async () => {
    const planner = "import { a } from '../../harness/index.ts';\nexport const b = a;\n";
    expect(await restrictionsOn(eslint, 'suites/server/server-suite.ts', planner)).to.deep.equal([]);
    const context = "import type { A } from './client/client-under-test.ts';\nexport type B = A;\n";
    expect(await restrictionsOn(eslint, 'harness/runner/target-context.ts', context)).to.deep.equal([]);
  });

  it(`covers every folder of the repository: none lies more than ${maxDepth} levels below a boundary`, () => {
    const tooDeep = folders.flatMap(([folder]) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => posix.relative(folder, posix.join(entry.parentPath, entry.name)))
        .filter((file) => file.split('/').length - 1 > maxDepth),
    );
    expect(tooDeep).to.deep.equal([]);
  });

  it('has no boundary folder inside another: ESLint would let the later block replace the earlier rule', () => {
    const names = folders.map(([folder]) => folder);
    const nested = names.filter((inner) => names.some((outer) => inner.startsWith(`${outer}/`)));
    expect(nested).to.deep.equal([]);
  });
});
