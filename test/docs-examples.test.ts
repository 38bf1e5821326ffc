import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../harness/config/config-problem.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { documentationFiles, fencedBlocks, shellCommands, type FencedBlock } from './support/doc-examples.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { refusalOfCommandLine } from './support/parse-command-line.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// The doc checks of `npm test`: the README stays a front page with a link to every guide, each guide
// opens on a runnable example, every config example loads as loadConfig loads a user's, every command
// line of an example parses with the real CLI's options, and the opening examples that start their own
// targets (mock, nginx, the mock authorization server, curl as a client) run and pass.
const root = fileURLToPath(new URL('..', import.meta.url));
const docs = documentationFiles(root);
const blocks = [...docs].flatMap(([file, text]) => fencedBlocks(file, text));
const where = (block: FencedBlock) => `${block.file}:${block.line}`;

/** Reference pages (generated or field by field): they open on their subject, not on an example. */
const references = [
  'docs/config-reference.md',
  'docs/results-format.md',
  'docs/diff-format.md',
  'docs/observed-refusals.md',
  'docs/gateway-behaviour.md',
];
const guides = [...docs.keys()].filter((file) => file.startsWith('docs/') && !references.includes(file));

/** The guides whose opening example starts its own targets on 127.0.0.1 and so runs here as it is. */
const selfStartingGuides = ['docs/targets.md', 'docs/oauth.md', 'docs/clients.md', 'docs/auth-modes.md'];

const fixtureCas = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];

/** A config example as a whole file: a list item of `targets:` (an indented `- name:`) gets that key. */
function asConfig(block: FencedBlock): string {
  return /^\s+- /.test(block.text) ? `targets:\n${block.text}` : block.text;
}

/**
 * Loads an example as loadConfig loads a user's, in a folder where the files it names exist (a URL
 * line each, so a targets file lists one endpoint) and with the variables it names set: what is left
 * is what the example itself gets wrong.
 */
async function loadExample(block: FencedBlock, folder: string): Promise<string[]> {
  const env: NodeJS.ProcessEnv = {};
  for (let attempt = 0; attempt < 6; attempt += 1) {
    try {
      parseConfig(asConfig(block), { file: where(block), baseDir: folder, env, fixtureNames: fixtureCas });
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) return [(error as Error).message];
      const remaining: string[] = [];
      for (const { message } of error.problems) {
        const file = /^no file at (.+)$/.exec(message)?.[1];
        const variable = /^the environment variable (\S+) is not set/.exec(message)?.[1];
        if (file !== undefined) {
          await mkdir(dirname(file), { recursive: true });
          const host = basename(file)
            .replace(/[^a-z0-9]+/gi, '-')
            .toLowerCase();
          await writeFile(file, `https://${host}.example:8443/health\n`);
        } else if (variable !== undefined) {
          env[variable] = 'example-value';
        } else {
          remaining.push(message);
        }
      }
      if (remaining.length > 0) return remaining;
    }
  }
  return ['still failing after creating its files and variables'];
}

/** A skip of the key matrix that the declaration explains (harness/scenarios/keys/allow-list-rules.ts). */
function keyMatrixSkip(scenario: { id: string; verdict: string }): boolean {
  const ids = ['ec-client', 'ed25519-client', 'rsa-pss-client'];
  return scenario.verdict === 'skip' && (scenario.id.startsWith('allow-list-') || ids.includes(scenario.id));
}

describe('docs: the README, the guides and their examples', function () {
  this.timeout(240_000);

  it('README.md is a front page under 15 KB that opens on the two commands', () => {
    const readme = docs.get('README.md')!;
    expect(Buffer.byteLength(readme)).to.be.below(15_000);
    const [first] = fencedBlocks('README.md', readme);
    expect(first?.text).to.equal('npm ci && npx mtls-conformance run\nnpm test');
  });

  it('links every guide and reference in docs/, and every link of the README resolves', async () => {
    const readme = docs.get('README.md')!;
    for (const file of [...guides, ...references]) expect(readme, file).to.include(`](${file})`);
    for (const [, target] of readme.matchAll(/\]\(((?:docs\/|CHANGELOG)[^)#]*)(?:#[^)]*)?\)/g)) {
      await stat(join(root, target!)).catch(() => expect.fail(`README links ${target}, which is missing`));
    }
  });

  for (const guide of guides) {
    it(`${guide} opens on an example: a code block before its first section`, () => {
      const text = docs.get(guide)!;
      const firstSection = text.search(/^## /m);
      const firstBlock = text.search(/^```\w+$/m);
      expect(firstBlock, `${guide} has no code block`).to.be.at.least(0);
      if (firstSection >= 0)
        expect(firstBlock, `${guide}: the example comes first`).to.be.below(firstSection);
    });
  }

  it('every config example loads as a user config does (schema, meaning, fixture CAs)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mtlsc-doc-configs-'));
    try {
      const configs = blocks.filter((block) => block.language === 'yaml');
      expect(configs.length).to.be.greaterThan(15);
      const failures: string[] = [];
      for (const [index, block] of configs.entries()) {
        const own = join(folder, String(index));
        await mkdir(own);
        for (const problem of await loadExample(block, own)) failures.push(`${where(block)}: ${problem}`);
      }
      expect(failures).to.deep.equal([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('every mtls-conformance command line of an example parses with the real options', async () => {
    const lines = blocks
      .filter((block) => ['sh', 'text'].includes(block.language))
      .flatMap((block) => shellCommands(block.text).map((command) => ({ block, ...command })))
      .flatMap(({ block, argv }) => {
        const at = argv[0] === 'npx' ? 1 : 0;
        return argv[at] === 'mtls-conformance' ? [{ block, args: argv.slice(at + 1) }] : [];
      });
    expect(lines.length).to.be.greaterThan(20);
    const refused: string[] = [];
    for (const { block, args } of lines) {
      const why = await refusalOfCommandLine(args);
      if (why !== undefined) refused.push(`${where(block)}: mtls-conformance ${args.join(' ')}: ${why}`);
    }
    expect(refused).to.deep.equal([]);
  });

  describe('runs the examples that start their own targets', () => {
    let work: string;
    before(async () => {
      await testFixtures();
      work = await mkdtemp(join(tmpdir(), 'mtlsc-doc-runs-'));
    });
    after(() => rm(work, { recursive: true, force: true }));
    const fixtureFlags = ['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'];

    it(`the opening examples of ${selfStartingGuides.join(', ')}, in one run: every scenario passes`, async () => {
      const targets: unknown[] = [];
      const env: Record<string, string> = { FIXTURE_PASS: testPassphrase };
      for (const guide of selfStartingGuides) {
        const guideBlocks = blocks.filter((block) => block.file === guide);
        const config = guideBlocks.find((block) => block.language === 'yaml')!;
        targets.push(...(parse(config.text) as { targets: unknown[] }).targets);
        // The run line of the example, with the variables it sets.
        const run = guideBlocks
          .filter((block) => block.language === 'sh')
          .flatMap((block) => shellCommands(block.text))
          .find((command) => command.argv.includes('run'));
        expect(run?.argv.join(' '), guide).to.match(/^npx mtls-conformance run --config \S+\.yaml$/);
        Object.assign(env, run?.env);
      }
      const config = join(work, 'guides.yaml');
      await writeFile(config, stringify({ targets }));
      const reportDir = join(work, 'guides');
      const result = await runCliProcess(
        ['run', '--config', config, ...fixtureFlags, '--report-dir', reportDir],
        {
          cwd: work,
          env,
          timeoutMs: 200_000,
        },
      );
      const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      const failed = results.targets.flatMap((target) => [
        ...(target.error === undefined ? [] : [`${target.name}: ${target.error}`]),
        ...target.scenarios
          // The key matrix skips, with the reason, what a target cannot be judged on: the allow-list
          // scenarios without allowedSubjects, the key types where auth: maps certificates to users.
          .filter((scenario) => scenario.verdict !== 'pass' && !keyMatrixSkip(scenario))
          .map((scenario) => `${target.name} ${scenario.id}: ${scenario.verdict}: ${scenario.reason}`),
      ]);
      expect(failed).to.deep.equal([]);
      expect(result.code, result.stderr).to.equal(0);
      expect(results.targets.map((target) => target.suite).sort()).to.deep.equal([
        'client',
        'oauth',
        'server',
        'server',
        'server',
      ]);
    });

    it("the README's check of your own endpoint, against a mock gateway that trusts ca1", async () => {
      const set = await testFixtures();
      await using gateway = await new MockMtlsServer(set.identity('server'))
        .withTrust(set.trustBundlePem(['ca1']))
        .start();
      const readmeBlock = blocks.find(
        (block) => block.file === 'README.md' && block.text.includes('--target'),
      )!;
      const line = shellCommands(readmeBlock.text).find((command) => command.argv.includes('--target'))!;
      const args = line.argv.slice(2).map((arg) => arg.replace('https://127.0.0.1:8443', gateway.url));
      expect(args.join(' ')).to.include(`--target ${gateway.url}/healthcheck`);
      const result = await runCliProcess([...args, ...fixtureFlags, '--report-dir', join(work, 'own')], {
        cwd: work,
        env: { FIXTURE_PASS: testPassphrase },
      });
      expect(result.code, result.stderr).to.equal(0);
    });
  });
});
