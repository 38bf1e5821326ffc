// eslint.config.js is JavaScript (ESLint loads it as it is); test/lint-boundaries.test.ts reads it.
declare module '*/eslint.config.js' {
  import type { Linter } from 'eslint';

  /** Folder → the folders (from the repository root) and modules no file in it may import at runtime. */
  export const boundaries: Readonly<Record<string, readonly string[]>>;
  /** The deepest folder level below a boundary folder that the generated rules cover. */
  export const maxDepth: number;
  const config: Linter.Config[];
  export default config;
}
