// Lint rules, including the architecture's import boundaries (as Playwright's DEPS.list):
// each folder of harness/ may import only what its row below allows, so the layering stays visible.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folder → patterns it must not import. */
const boundaries = {
  // PKI is pure: it builds and parses certificates and keystores, and never opens a socket.
  'harness/pki/**': [
    'node:net',
    'node:tls',
    'node:http',
    'node:https',
    '../probe/*',
    '../servers/*',
    '../cli/*',
    '../report/*',
    '../targets/*',
  ],
  'harness/common/**': ['../*/**', 'node:net', 'node:tls'],
  'harness/probe/**': ['../servers/*', '../cli/*', '../report/*', '../targets/*', '../scenarios/*'],
  'harness/servers/**': ['../probe/*', '../cli/*', '../report/*', '../targets/*', '../scenarios/*'],
  'harness/scenarios/**': ['../cli/*', '../report/*', '../targets/*'],
  'harness/config/**': ['../cli/*', '../report/*', '../probe/*', '../servers/*'],
  'harness/report/**': ['../cli/*', '../servers/*', '../targets/*'],
  'harness/targets/**': ['../cli/*', '../report/*', '../runner/*'],
  // Baselines compare saved results: no network, no servers.
  'harness/baseline/**': ['../cli/*', '../servers/*', '../targets/*', '../probe/*'],
  // The cross-gateway table starts targets and runs the catalogue; the suites' planners are handed to it.
  'harness/gateways/**': ['../cli/*', '../../suites/*'],
  // The runner knows no particular suite or CLI: suites are handed to it.
  'harness/runner/**': ['../cli/*', '../../suites/*'],
  // Suites are written as a user would write them: through the public entry point only.
  'suites/**': ['../harness/*/**', '../../harness/*/**', '../../../harness/*/**'],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'fixtures/', 'reports/', 'coverage/', '.tmp/'] },
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
  ...Object.entries(boundaries).map(([folder, patterns]) => ({
    files: [`${folder}/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Types are contracts shared across layers; the boundaries are about runtime dependencies.
          patterns: patterns.map((group) => ({
            group: [group],
            allowTypeImports: true,
            message: `${folder} may not import ${group}`,
          })),
        },
      ],
    },
  })),
);
