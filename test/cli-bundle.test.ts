import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'mtls-conformance.js');

/** The CLI as a user runs it: the bundle in .cache/, or with `sources` the .ts through tsx. */
function cli(args: string[], { sources = false } = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MTLSC_RUN_SOURCES: sources ? '1' : '0' },
  });
}

describe('CLI: the compiled start is a bundle that behaves as the sources (issue 21, bin/compiled-bundle.js)', function () {
  this.timeout(120_000);

  // Help and usage errors are rendered by yargs, whose string-width the bundle replaces for ASCII:
  // byte for byte what the sources print.
  for (const args of [
    ['--help'],
    ['scenarios', '--help'],
    ['run', '--help'],
    ['report', 'merge', '--help'],
    ['scenarios', '--nope'],
    ['scenarios', '--suite', 'nope'],
    ['nope'],
    ['--version'],
  ]) {
    it(`mtls-conformance ${args.join(' ')}: the same output and exit code as the sources`, () => {
      const bundled = cli(args);
      const sources = cli(args, { sources: true });
      expect(bundled.stdout + bundled.stderr, 'something is printed').not.to.equal('');
      expect(bundled.stdout).to.equal(sources.stdout);
      expect(bundled.stderr).to.equal(sources.stderr);
      expect(bundled.status).to.equal(sources.status);
    });
  }

  it('scenarios --json: the same catalogue as the sources', () => {
    const bundled = cli(['scenarios', '--json']);
    expect(bundled.status, bundled.stderr).to.equal(0);
    expect(bundled.stdout).to.equal(cli(['scenarios', '--json'], { sources: true }).stdout);
  });

  it("a user error thrown in a command's chunk is the one-line HarnessError, not an internal error", () => {
    // run-cli.ts (bundle entry) tells a HarnessError by instanceof: one class, so one copy of its module.
    const result = cli(['keystore', 'inspect', join(tmpdir(), 'mtlsc-no-such-keystore.p12')]);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(
      /^mtls-conformance: \S+mtlsc-no-such-keystore\.p12: no such file \(ENOENT\)/,
    );
    expect(result.stderr).not.to.match(/internal error/);
  });

  it('a config error: the schema is read through the rewritten import.meta.url', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mtlsc-bundle-'));
    try {
      const config = join(folder, 'bad.yaml');
      await writeFile(config, 'targets: 3\n');
      const result = cli(['run', '--config', config]);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.match(/targets \(line 1\): must be a list, saw 3\./);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('--debug: the stack trace names the .ts sources (source maps of the bundle)', () => {
    const result = cli(['keystore', 'inspect', join(tmpdir(), 'mtlsc-no-such-keystore.p12'), '--debug']);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(/at .*harness[/\\]pki[/\\]read-input-file\.ts:\d+:\d+/);
    expect(result.stderr).not.to.match(/bundle[/\\](main|chunk-)/);
  });

  // The issue's rule for a fast start: --help and scenarios load no package (Mocha, ajv, node-forge,
  // @peculiar/*, testcontainers; yargs is in the bundle). A loader hook lists every module loaded.
  for (const args of [['--help'], ['scenarios']]) {
    it(`mtls-conformance ${args.join(' ')} loads nothing from node_modules`, () => {
      const hooks = `export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
      const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
      const result = spawnSync(
        process.execPath,
        ['--import', `data:text/javascript,${encodeURIComponent(register)}`, bin, ...args],
        { encoding: 'utf8', env: { ...process.env, MTLSC_RUN_SOURCES: '0' } },
      );
      expect(result.status, result.stderr).to.equal(0);
      const loaded = result.stderr.split('\n').filter((line) => line.startsWith('LOADED '));
      expect(
        loaded.some((line) => /[/\\]bundle[/\\]main\.js$/.test(line)),
        'the bundle ran',
      ).to.equal(true);
      expect(loaded.filter((line) => line.includes('/node_modules/'))).to.deep.equal([]);
    });
  }

  it('no harness module is imported from the tree beside the bundle (each is loaded once)', async () => {
    expect(cli(['scenarios']).status).to.equal(0);
    const trees = (await readdir(join(root, '.cache'))).filter((name) => name.startsWith('harness-'));
    const started = await Promise.all(
      trees.map(async (name) => (await stat(join(root, '.cache', name))).mtimeMs),
    );
    const newest = trees[started.indexOf(Math.max(...started))]!;
    const bundle = join(root, '.cache', newest, 'bundle');
    const files = (await readdir(bundle)).filter((name) => name.endsWith('.js'));
    expect(files).to.include('main.js');
    for (const file of files) {
      const code = await readFile(join(bundle, file), 'utf8');
      expect(code, file).not.to.match(/(from|import\()\s*"\.\.\/(harness|suites)\//);
      expect(code, file).not.to.match(/(from|import\()\s*"yargs/);
    }
  });
});

describe('CLI bundle: import.meta beyond url and resolve(<package>) is refused at compile time', function () {
  this.timeout(60_000);
  let copy: string;
  before(async () => {
    copy = await mkdtemp(join(tmpdir(), 'mtlsc-bundle-meta-'));
    for (const part of ['bin', 'harness', 'suites', 'schema', 'package.json'])
      await cp(join(root, part), join(copy, part), { recursive: true });
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  after(() => rm(copy, { recursive: true, force: true }));

  it('import.meta.dirname in a harness module: one line naming the file, exit 2', async () => {
    // It would name bundle/, not the module's folder, once bundled: refused rather than wrong.
    const source = join(copy, 'harness', 'common', 'tool-version.ts');
    await writeFile(
      source,
      `${await readFile(source, 'utf8')}\nexport const toolFolder = import.meta.dirname;\n`,
    );
    const result = spawnSync(process.execPath, [join(copy, 'bin', 'mtls-conformance.js'), 'scenarios'], {
      encoding: 'utf8',
    });
    expect(result.status).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(
      /^mtls-conformance: internal error: cannot load the harness: harness\/common\/tool-version\.ts: the CLI's bundle supports import\.meta\.url and import\.meta\.resolve\('<package>'\) only/,
    );
  });
});

/** The folder of a package as Node finds it from yargs (cliui, wrap-ansi are its dependencies'). */
function packageFolder(name: string): string {
  const dependent: Record<string, string> = { cliui: 'yargs', 'wrap-ansi': 'cliui' };
  const parent = dependent[name];
  const from = parent === undefined ? root : packageFolder(parent);
  let folder = dirname(createRequire(join(from, 'package.json')).resolve(name));
  while (!existsSync(join(folder, 'package.json')) || readPackageName(folder) !== name)
    folder = dirname(folder);
  return folder;
}

function readPackageName(folder: string): string {
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name ?? '';
}

describe('bin/printable-ascii-width.js: the width string-width gives printable ASCII', () => {
  let printableAsciiWidth: (text: unknown) => number | undefined;
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));
  before(async () => {
    ({ printableAsciiWidth } = (await import(
      pathToFileURL(join(root, 'bin', 'printable-ascii-width.js')).href
    )) as { printableAsciiWidth: typeof printableAsciiWidth });
  });

  // Every copy the bundle stands in for: yargs' own (8.x), cliui's and wrap-ansi's (7.x).
  for (const owner of ['yargs', 'cliui', 'wrap-ansi']) {
    it(`agrees with the string-width ${owner} uses on every printable ASCII character and on texts`, async () => {
      const fromOwner = createRequire(join(packageFolder(owner), 'package.json'));
      const { default: stringWidth } = (await import(
        pathToFileURL(fromOwner.resolve('string-width')).href
      )) as {
        default: (text: string) => number;
      };
      for (const text of [...printable, '', printable.join(''), '  mtls-conformance run --config <file>  ']) {
        expect(printableAsciiWidth(text), JSON.stringify(text)).to.equal(stringWidth(text));
      }
    });
  }

  it('leaves anything else to string-width: escapes, controls, wide and combining characters', () => {
    for (const text of ['\u001B[1mbold\u001B[22m', 'tab\there', 'line\n', 'é', 'e\u0301', '表', '👍', 42]) {
      expect(printableAsciiWidth(text), JSON.stringify(text)).to.equal(undefined);
    }
  });
});
