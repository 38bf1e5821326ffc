// The CLI's start, bundled: harness/cli/main.ts and every harness module it imports, statically or
// through import(), in a few files of .cache/harness-<key>/bundle/, with yargs inside. Node 20's ES
// module loader costs ~0.35 ms a module (resolve, an asynchronous read, link) on the shared 2-core
// machine: `scenarios` loads ~160 of them (~45 of yargs, ~100 of the catalogue), which a bundle loads
// as ~5. Measured in docs/performance.md ("Speed and scale (issue 21)").
//
// What a bundle would otherwise change, kept as the one-file-per-module tree had it:
// - import.meta.url: each module's is rewritten to the URL of its own compiled file in the tree next to
//   the bundle (and a package's to its file in node_modules), so `new URL('../../package.json',
//   import.meta.url)` reads what it read before. All outputs are in bundle/, one level below the tree.
// - one copy of each module: every harness module the CLI can reach is in the bundle's graph, once
//   (esbuild's code splitting puts a module shared by two lazily loaded commands in a shared chunk);
//   the CLI loads no harness module by path, so none is loaded a second time from the tree.
// - packages other than yargs stay outside, imported from node_modules as before (Mocha, ajv,
//   node-forge, @peculiar/*, testcontainers: loaded only by the commands that use them).
// - names: `keepNames`, so a class or function keeps its `.name` when two modules use the same one.
import { realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

/** The packages bundled in: those every start loads (harness/cli/run-cli.ts). */
const bundledPackages = new Set(['yargs', 'yargs/helpers']);
/** The namespace of the lazy stand-ins below, and the mark of their own resolution. */
const lazyTarget = 'lazy-string-width';
const standInPath = fileURLToPath(new URL('./printable-ascii-width.js', import.meta.url));

/**
 * Bundles the CLI entry into `<tree>/bundle/`, returns nothing; the entry is bundle/main.js.
 * @param {string} root the package folder
 * @param {string} tree the compiled tree being built (its final name has the same depth in .cache/)
 * @param {typeof import('esbuild')} esbuild
 */
export async function bundleCliInto(root, tree, esbuild) {
  // Where the bundle will be once the tree has its final name: the relative URLs are computed from
  // there. Real paths, as esbuild reports the paths of node_modules' files (node_modules may be a link).
  const bundleFolder = join(realpathSync(root), '.cache', 'tree', 'bundle');
  const relativeUrl = (/** @type {string} */ file) =>
    relative(bundleFolder, file)
      .split(sep)
      .join('/')
      .replace(/^(?!\.)/, './');
  await esbuild
    .build({
      absWorkingDir: root,
      entryPoints: { main: 'harness/cli/main.ts' },
      outdir: join(tree, 'bundle'),
      bundle: true,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'linked',
      keepNames: true,
      minifyWhitespace: true,
      logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      plugins: [
        {
          name: 'mtls-conformance-cli-bundle',
          setup(build) {
            // A bare specifier from the harness: a package, outside the bundle unless listed. Inside a
            // bundled package, esbuild resolves its own dependencies as Node would.
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.kind === 'entry-point' || isInNodeModules(args.importer)) return undefined;
              return bundledPackages.has(args.path) ? undefined : { external: true };
            });
            // string-width, in each version yargs, cliui and wrap-ansi ask for, is loaded only when a
            // text other than printable ASCII is measured: its top level builds an Intl.Segmenter (~10 ms,
            // ICU's data) and, in 8.x, a /v RegExp of Unicode property classes (~16 ms), at every start,
            // for help texts that are ASCII. The width of printable ASCII is its length: string-width
            // 8's own first test; test/cli-bundle.test.ts checks every such character against each copy.
            build.onResolve({ filter: /^string-width$/ }, async (args) => {
              if (args.pluginData === lazyTarget || !isInNodeModules(args.importer)) return undefined;
              const { path, errors } = await build.resolve(args.path, {
                kind: args.kind,
                importer: args.importer,
                resolveDir: args.resolveDir,
                pluginData: lazyTarget,
              });
              return errors.length > 0 ? { errors } : { path, namespace: lazyTarget };
            });
            build.onLoad({ filter: /./, namespace: lazyTarget }, (args) => ({
              // esbuild evaluates a module reached by require() at the first call only (its __esm wrapper).
              contents: `import { printableAsciiWidth } from ${JSON.stringify(standInPath)};
let width;
export default (text, options) =>
  printableAsciiWidth(text) ?? (width ??= require(${JSON.stringify(args.path)}).default)(text, options);
`,
              loader: 'js',
              resolveDir: dirname(args.path),
            }));
            build.onLoad({ filter: /\.(ts|m?js)$/ }, async (args) => {
              const { readFile } = await import('node:fs/promises');
              const text = await readFile(args.path, 'utf8');
              if (!text.includes('import.meta')) return undefined;
              const inPackage = isInNodeModules(args.path);
              // The compiled file of a harness module (x.ts → x.js in the tree), a package's own file.
              const ownFile = inPackage
                ? args.path
                : join(realpathSync(root), '.cache', 'tree', relative(realpathSync(root), args.path));
              const url = `new URL(${JSON.stringify(relativeUrl(ownFile.replace(/\.ts$/, '.js')))}, import.meta.url).href`;
              // Other uses of import.meta would name the bundle's folder: refused in the harness, where
              // they would be new code, but for import.meta.resolve of a package, which resolves the same
              // from bundle/ as from the tree (both walk up to the package's node_modules). yargs' one
              // (import.meta.resolve in apply-extends.js, a .config() file's `extends`) is never called.
              const unsupported = text
                .replace(/\bimport\.meta\.url\b/g, '')
                .replace(/\bimport\.meta\.resolve\(\s*(['"])[^./'"][^'"]*\1\s*\)/g, '');
              if (!inPackage && /\bimport\.meta\b/.test(unsupported))
                throw new Error(
                  `${relative(root, args.path)}: the CLI's bundle supports import.meta.url and import.meta.resolve('<package>') only (bin/compiled-bundle.js)`,
                );
              const contents = text.replace(/\bimport\.meta\.url\b/g, () => url);
              return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
            });
          },
        },
      ],
    })
    .catch((/** @type {unknown} */ error) => {
      // One line, as compileInto says a source that does not parse: where, and what.
      const [first] = /** @type {{ errors?: import('esbuild').Message[] }} */ (error).errors ?? [];
      if (first === undefined) throw error;
      // A plugin's error (the refusal above) is located in esbuild's own code: its text names the file.
      const { location, pluginName } = first;
      const where = location && !pluginName ? `${location.file}:${location.line}:${location.column}: ` : '';
      throw new Error(`${where}${first.text}`, { cause: error });
    });
}

/** @param {string} path */
function isInNodeModules(path) {
  return path.split(sep).includes('node_modules');
}
