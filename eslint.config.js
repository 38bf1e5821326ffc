// Lint rules, including the architecture's import boundaries (as Playwright's DEPS.list):
// each folder of harness/ may import only what its row below allows, so the layering stays visible.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Folder → what no file in it, at any depth, may import: folders named from the repository root, and
 * modules. Only runtime imports count (`import type` is allowed): types are contracts shared across
 * layers, the boundaries are about runtime dependencies. test/lint-boundaries.test.ts checks that each
 * boundary bites, from the folder itself and from deep inside it.
 */
export const boundaries = {
  // PKI is pure: it builds and parses certificates and keystores, and never opens a socket.
  'harness/pki': [
    'node:net',
    'node:tls',
    'node:http',
    'node:https',
    'harness/probe',
    'harness/servers',
    'harness/cli',
    'harness/report',
    'harness/targets',
  ],
  'harness/common': [
    'node:net',
    'node:tls',
    ...[
      'pki',
      'probe',
      'servers',
      'targets',
      'scenarios',
      'config',
      'report',
      'baseline',
      'runner',
      'cli',
    ].map((folder) => `harness/${folder}`),
  ],
  'harness/probe': [
    'harness/servers',
    'harness/cli',
    'harness/report',
    'harness/targets',
    'harness/scenarios',
  ],
  'harness/servers': [
    'harness/probe',
    'harness/cli',
    'harness/report',
    'harness/targets',
    'harness/scenarios',
  ],
  'harness/scenarios': ['harness/cli', 'harness/report', 'harness/targets', 'harness/runner'],
  'harness/config': ['harness/cli', 'harness/report', 'harness/probe', 'harness/servers'],
  'harness/report': ['harness/cli', 'harness/servers', 'harness/targets'],
  'harness/targets': ['harness/cli', 'harness/report', 'harness/runner'],
  // Baselines compare saved results: no network, no servers.
  'harness/baseline': ['harness/cli', 'harness/servers', 'harness/targets', 'harness/probe'],
  // The cross-gateway table starts targets and runs the catalogue; the suites' planners are handed to it.
  'harness/gateways': ['harness/cli', 'suites'],
  // The runner knows no particular suite's planner, nor the CLI: planners are handed to it. What more
  // than one suite uses lives in harness/runner/ itself; a suite's execution (harness/runner/<suite>/)
  // does not reach into another's.
  'harness/runner': [
    'harness/cli',
    'suites',
    'harness/runner/server',
    'harness/runner/client',
    'harness/runner/oauth',
  ],
  // Suites are written as a user would write them: through the public entry point only.
  suites: ['harness/*'],
};

/** The deepest folder level below a boundary folder that the generated rules cover. */
export const maxDepth = 4;

/**
 * The import specifiers a file `depth` folders below `folder` would write for `forbidden`: a module as
 * it is, a folder as the relative path to it and anything below it. no-restricted-imports matches the
 * specifier as written, so '../cli/*' alone would miss '../../cli/x.ts' from a nested folder.
 * @param {string} folder
 * @param {number} depth
 * @param {string} forbidden
 * @returns {string[]}
 */
function forbiddenSpecifiers(folder, depth, forbidden) {
  if (!forbidden.startsWith('harness') && !forbidden.startsWith('suites')) return [forbidden];
  const up = '../'.repeat(depth);
  const relative = path.posix.relative(folder, forbidden);
  const prefix = relative.startsWith('..') ? `${up}${relative}` : `${up || './'}${relative}`;
  return [`${prefix}/*`, `${prefix}/**`];
}

/** One config block per boundary folder and depth: files exactly `depth` folders below it. */
function boundaryBlocks() {
  return Object.entries(boundaries).flatMap(([folder, forbidden]) =>
    Array.from({ length: maxDepth + 1 }, (_, depth) => ({
      files: [`${folder}/${'*/'.repeat(depth)}*.ts`],
      ignores: ['**/*.test.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: forbidden.map((group) => ({
              group: forbiddenSpecifiers(folder, depth, group),
              allowTypeImports: true,
              message: `${folder} may not import ${group}`,
            })),
          },
        ],
      },
    })),
  );
}

export default tseslint.config(
  { ignores: ['node_modules/', 'fixtures/', 'reports/', 'coverage/', '.tmp/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['bin/*.js', 'eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'harness/**/*.test.ts'],
    rules: {
      // chai's `expect(x).to.be.true` is an expression statement by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  ...boundaryBlocks(),
);
