// The CLI runs compiled JavaScript, compiled on first run into a cache keyed by the sources' state, so
// it starts like a plain Node program (no loader thread compiling each module) and can never run code
// older than the sources: any change to a file under harness/, suites/, schema/ or package.json changes
// the key, and a new key is a new compilation. docs/design.md says why this and not `tsc` at `npm ci` time.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

/** Bumped when the way the cache is built changes, so an old layout is never reused. */
const cacheFormat = 3;
/** The folders the CLI's modules come from (harness/cli/commands/run-command.ts imports suites/). */
const compiledFolders = ['harness', 'suites'];
/**
 * When a new tree is written, the others are removed if not started for an hour, the newest few kept
 * whatever their age: a developer's edits make a tree each (~5 MB), a process still running an older
 * one may import more of it later.
 */
const staleAfterMs = 60 * 60 * 1000;
const keptTrees = 5;

/**
 * The key of the sources as they are now: path, size, modification and change time of every file the
 * compiled tree depends on. ctime cannot be set back by a user (touch -d sets mtime only), so a file
 * written in any way changes the key; stat-ing ~500 files costs a few ms, reading and hashing them all
 * costs several times more at every start.
 * @param {string} root the package folder
 * @param {string} compilerVersion
 */
function sourcesKey(root, compilerVersion) {
  const hash = createHash('sha256').update(`${cacheFormat} ${compilerVersion} ${process.version}\n`);
  // These files too: a change to how the tree is compiled must make a new one.
  const compilers = ['./compiled-harness.js', './compiled-bundle.js', './printable-ascii-width.js'].map(
    (file) => relative(root, fileURLToPath(new URL(file, import.meta.url))),
  );
  const folder = root.endsWith(sep) ? root : `${root}${sep}`;
  for (const file of [...sourceFiles(root), ...compilers]) {
    const stat = statSync(`${folder}${file}`, { bigint: true });
    hash.update(`${file} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino}\n`);
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * The files the compiled tree is made of, relative to the package folder, sorted.
 * @param {string} root
 */
function sourceFiles(root) {
  /** @type {string[]} */
  const files = [];
  // A walk of one readdir a folder, paths joined by hand: at every start, Node 20's
  // `readdirSync(…, { recursive: true })` takes ~8 ms for these ~30 folders and path.join ~3 ms for
  // these ~560 files; this whole walk ~1 ms.
  const base = root.endsWith(sep) ? root : `${root}${sep}`;
  const walk = (/** @type {string} */ folder) => {
    for (const entry of readdirSync(`${base}${folder}`, { withFileTypes: true })) {
      const path = `${folder}${sep}${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const folder of compiledFolders) walk(folder);
  const schema = readdirSync(join(root, 'schema')).map((name) => join('schema', name));
  return [...files, ...schema, 'package.json'].sort();
}

/**
 * The real folder of the package `name` as Node finds it from `from`: the first node_modules/<name> in
 * `from` or a folder above. By hand, at every start: Node's require.resolve takes ~3 ms the first time
 * (its loader's set-up), this ~0.1 ms; Node's own resolution (NODE_PATH, say) if this finds nothing.
 * @param {string} name
 * @param {string} from a folder
 */
function packageFolder(name, from) {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync.native(candidate);
    if (dirname(folder) === folder) break;
  }
  return dirname(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`));
}

/**
 * The URL of the compiled CLI entry (harness/cli/main.js), compiling the sources first when no cache
 * has their key. Returns undefined when the cache cannot be written (a read-only install): the caller
 * then runs the sources through tsx, slower but never stale.
 * @param {string} root the package folder
 * @returns {Promise<string | undefined>}
 */
export async function compiledCliEntry(root) {
  // esbuild comes with tsx, a dependency: resolved from tsx's own folder, it is the one tsx uses. Only
  // its version is read at each start; the module itself (~10 ms to load) only when compiling.
  const tsxFolder = packageFolder('tsx', dirname(fileURLToPath(import.meta.url)));
  const esbuildFolder = packageFolder('esbuild', tsxFolder);
  const esbuildPackage = join(esbuildFolder, 'package.json');
  const version = /"version":\s*"([^"]+)"/.exec(readFileSync(esbuildPackage, 'utf8'))?.[1] ?? 'unknown';
  const cacheRoot = join(root, '.cache');
  const key = sourcesKey(root, version);
  const target = join(cacheRoot, `harness-${key}`);
  // The bundled CLI (bin/compiled-bundle.js); the one-file-per-module tree beside it is what its
  // modules' import.meta.url name.
  const entry = join(target, 'bundle', 'main.js');
  if (existsSync(entry)) {
    try {
      // Started now: its age is the time since a process last started it (see removeStaleCaches).
      const now = new Date();
      utimesSync(target, now, now);
    } catch {
      // A read-only install: nothing is removed there either.
    }
    return pathToFileURL(entry).href;
  }
  try {
    mkdirSync(cacheRoot, { recursive: true });
  } catch {
    return undefined;
  }
  const building = join(cacheRoot, `.building-${key}-${process.pid}`);
  try {
    /** @type {typeof import('esbuild')} */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- require() is untyped; JSDoc types it.
    const esbuild = createRequire(join(tsxFolder, 'package.json'))('esbuild');
    await compileInto(root, building, esbuild);
    await writeConfigValidator(building);
    // Imported only when compiling, as esbuild: a start that finds its tree loads neither.
    const { bundleCliInto } = await import('./compiled-bundle.js');
    await bundleCliInto(root, building, esbuild);
    try {
      renameSync(building, target);
    } catch (error) {
      // Another process compiled the same sources at the same time: its tree is as good as ours.
      if (!existsSync(entry)) throw error;
      rmSync(building, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EACCES') return undefined;
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EROFS') return undefined;
    throw error;
  }
  removeStaleCaches(cacheRoot, target);
  return pathToFileURL(entry).href;
}

/**
 * Compiles every .ts of harness/ and suites/ into `out`, one JavaScript file per source at the same
 * relative path, and copies what the sources read next to themselves (import.meta.url): the other files
 * of those folders, schema/ and package.json, whose "type": "module" also makes the .js files ES modules.
 * @param {string} root
 * @param {string} out
 * @param {typeof import('esbuild')} esbuild
 */
async function compileInto(root, out, esbuild) {
  const files = sourceFiles(root);
  const typescript = files.filter((file) => file.endsWith('.ts'));
  const result = await esbuild
    .build({
      absWorkingDir: root,
      entryPoints: typescript,
      outbase: '.',
      outdir: out,
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'linked',
      write: false,
      logLevel: 'silent',
      // As tsconfig.json: imports not marked `type` are kept, exactly as tsc and tsx keep them.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    })
    .catch((/** @type {unknown} */ error) => {
      // A source that does not parse: say where, in one line, as tsx would have when loading it.
      const [first] = /** @type {{ errors?: import('esbuild').Message[] }} */ (error).errors ?? [];
      if (first?.location === undefined || first.location === null) throw error;
      const { file, line, column } = first.location;
      throw new Error(`${file}:${line}:${column}: ${first.text}`, { cause: error });
    });
  for (const output of result.outputFiles) {
    mkdirSync(dirname(output.path), { recursive: true });
    const text = output.path.endsWith('.js') ? rewriteImportExtensions(output.text) : output.text;
    writeFileSync(output.path, text);
  }
  for (const file of files.filter((name) => !name.endsWith('.ts'))) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(root, file), join(out, file));
  }
}

/**
 * Writes ajv's standalone validator of the config schema into the tree's schema folder, where
 * harness/config/config-schema.ts looks for it: made by the compiled config-schema module itself, so
 * with its ajv options, from the schema copied into this tree. A run then loads neither ajv nor
 * compiles the schema (~100 ms).
 * @param {string} tree
 */
async function writeConfigValidator(tree) {
  const url = pathToFileURL(join(tree, 'harness', 'config', 'config-schema.js')).href;
  /** @type {{ configValidatorSource(): string }} */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- import() of a path is untyped; JSDoc types it.
  const module = await import(url);
  const source = module.configValidatorSource();
  writeFileSync(join(tree, 'schema', 'config-validator.cjs'), source);
}

/**
 * `./x.ts` → `./x.js` in the static and dynamic imports of one compiled module (what TypeScript's
 * rewriteRelativeImportExtensions does): only relative specifiers, only in import and export clauses.
 * @param {string} code esbuild's output, whose specifiers are always double-quoted
 */
export function rewriteImportExtensions(code) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(?\s*)"(\.{1,2}\/[^"\n]*?)\.ts"/g, '$1"$2.js"');
}

/**
 * Removes the trees of other source states not started for an hour, beyond the newest few, and
 * compilations a killed process left half done.
 * @param {string} cacheRoot
 * @param {string} keep
 */
function removeStaleCaches(cacheRoot, keep) {
  const entries = [];
  for (const name of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, name);
    if (path === keep || !/^(harness-|\.building-)/.test(name)) continue;
    try {
      entries.push({ path, building: name.startsWith('.building-'), mtimeMs: statSync(path).mtimeMs });
    } catch {
      // Removed by another process meanwhile.
    }
  }
  const trees = entries.filter((entry) => !entry.building).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const candidates = [...trees.slice(keptTrees - 1), ...entries.filter((entry) => entry.building)];
  for (const { path, mtimeMs } of candidates) {
    if (Date.now() - mtimeMs > staleAfterMs) rmSync(path, { recursive: true, force: true });
  }
}
