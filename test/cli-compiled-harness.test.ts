import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The CLI of a copy of the package, run as a user would. */
function runCopy(copy: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(copy, 'bin', 'mtls-conformance.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('CLI: compiled JavaScript, never older than the sources (issue 21)', function () {
  this.timeout(60_000);
  let copy: string;
  before(async () => {
    // A copy of the package with its own .cache, so the edit below touches no one else's sources.
    copy = await mkdtemp(join(tmpdir(), 'mtlsc-compiled-'));
    for (const part of ['bin', 'harness', 'suites', 'schema', 'package.json'])
      await cp(join(root, part), join(copy, part), { recursive: true });
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  after(() => rm(copy, { recursive: true, force: true }));

  it('compiles on first run into .cache, runs the compiled tree, and reuses it while the sources stay', async () => {
    const first = runCopy(copy, ['scenarios']);
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^Suite server: \d+ scenarios$/m);
    const caches = (await readdir(join(copy, '.cache'))).filter((name) => name.startsWith('harness-'));
    expect(caches).to.have.length(1);
    const compiled = await readFile(
      join(copy, '.cache', caches[0]!, 'harness', 'cli', 'commands', 'scenarios-command.js'),
      'utf8',
    );
    expect(compiled, 'relative imports point at the compiled .js').not.to.match(/from "\.{1,2}\/[^"]*\.ts"/);
    expect(runCopy(copy, ['scenarios']).stdout).to.equal(first.stdout);
    expect((await readdir(join(copy, '.cache'))).filter((name) => name.startsWith('harness-'))).to.deep.equal(
      caches,
    );
  });

  it("init writes the package's own schema path, not the compiled tree's copy in .cache", async () => {
    const out = join(copy, 'configs', 'x.yaml');
    const result = runCopy(copy, ['init', '--out', out]);
    expect(result.status, result.stderr).to.equal(0);
    const reference = /\$schema=(\S+)/.exec(await readFile(out, 'utf8'))?.[1];
    expect(reference).to.equal('../schema/mtls-conformance.schema.json');
  });

  it('a source edited after the first run: the next run runs the new code', async () => {
    const source = join(copy, 'harness', 'cli', 'commands', 'scenarios-command.ts');
    const before = runCopy(copy, ['scenarios']);
    expect(before.stdout).to.match(/^Suite server: /m);
    // Same length, so only the content and the file's times change, as an editor's save does.
    const text = await readFile(source, 'utf8');
    await writeFile(source, text.replace('`Suite ${suite}: ${', '`SUITE ${suite}: ${'));
    const after = runCopy(copy, ['scenarios']);
    expect(after.status, after.stderr).to.equal(0);
    expect(after.stdout).to.match(/^SUITE server: \d+ scenarios$/m);
    expect(after.stdout).not.to.match(/^Suite server: /m);
  });

  it('a source that does not parse: one line naming the file and line, exit 2', async () => {
    const source = join(copy, 'harness', 'cli', 'commands', 'init-command.ts');
    await writeFile(source, `${await readFile(source, 'utf8')}\nconst = ;\n`);
    const result = runCopy(copy, ['scenarios']);
    expect(result.status).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(
      /^mtls-conformance: internal error: cannot load the harness: harness\/cli\/commands\/init-command\.ts:\d+:\d+: /,
    );
  });

  it('MTLSC_RUN_SOURCES=1 runs the .ts sources through tsx, no cache needed', async () => {
    await rm(join(copy, 'harness', 'cli', 'commands', 'init-command.ts'));
    await cp(
      join(root, 'harness', 'cli', 'commands', 'init-command.ts'),
      join(copy, 'harness', 'cli', 'commands', 'init-command.ts'),
    );
    await rm(join(copy, '.cache'), { recursive: true, force: true });
    const result = runCopy(copy, ['scenarios'], { MTLSC_RUN_SOURCES: '1' });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^SUITE server: \d+ scenarios$/m);
    expect(existsSync(join(copy, '.cache')), 'nothing compiled').to.equal(false);
  });

  it('three first runs at once (parallel CI jobs): all run, one tree is kept, no half-built one is left', async () => {
    await rm(join(copy, '.cache'), { recursive: true, force: true });
    const bin = join(copy, 'bin', 'mtls-conformance.js');
    const runs = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
            const child = spawn(process.execPath, [bin, 'scenarios'], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let stdout = '';
            child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
            child.on('error', reject);
            child.on('close', (code) => resolve({ code, stdout }));
          }),
      ),
    );
    for (const run of runs) {
      expect(run.code).to.equal(0);
      expect(run.stdout).to.match(/^SUITE server: \d+ scenarios$/m);
    }
    const left = await readdir(join(copy, '.cache'));
    expect(left.filter((name) => name.startsWith('harness-'))).to.have.length(1);
    expect(left.filter((name) => name.startsWith('.building-'))).to.deep.equal([]);
  });

  it('a new tree removes the trees not started for an hour beyond the newest few, and half-built ones', async () => {
    const cache = join(copy, '.cache');
    await rm(cache, { recursive: true, force: true });
    await mkdir(cache);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const old = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => `harness-${letter.repeat(24)}`);
    for (const [index, name] of old.entries()) {
      await mkdir(join(cache, name));
      await utimes(join(cache, name), hoursAgo(2 + index), hoursAgo(2 + index));
    }
    await mkdir(join(cache, '.building-x-1'));
    await utimes(join(cache, '.building-x-1'), hoursAgo(3), hoursAgo(3));
    const result = runCopy(copy, ['scenarios']);
    expect(result.status, result.stderr).to.equal(0);
    const left = (await readdir(cache)).sort();
    // The new tree and the four newest others stay; the two oldest and the half-built one go.
    expect(left.filter((name) => old.includes(name))).to.deep.equal(old.slice(0, 4));
    expect(left.filter((name) => !old.includes(name))).to.have.length(1);
    expect(left).not.to.include('.building-x-1');
  });
});

describe('bin/compiled-harness.js: rewriteImportExtensions', () => {
  // Plain JavaScript (it runs before anything is compiled): imported through a URL, not type-checked.
  let rewriteImportExtensions: (code: string) => string;
  before(async () => {
    const url = new URL('../bin/compiled-harness.js', import.meta.url).href;
    ({ rewriteImportExtensions } = (await import(url)) as {
      rewriteImportExtensions: typeof rewriteImportExtensions;
    });
  });
  for (const [code, expected] of [
    ['import { a } from "./a.ts";', 'import { a } from "./a.js";'],
    ['export * from "../b/c.ts";', 'export * from "../b/c.js";'],
    ['import "./side-effect.ts";', 'import "./side-effect.js";'],
    ['const m = await import("./lazy.ts");', 'const m = await import("./lazy.js");'],
    ['import { x } from "some-package.ts";', 'import { x } from "some-package.ts";'],
    ['const text = "see ./notes.ts";', 'const text = "see ./notes.ts";'],
  ] as const) {
    it(`${code} → ${expected}`, () => {
      expect(rewriteImportExtensions(code)).to.equal(expected);
    });
  }
});
