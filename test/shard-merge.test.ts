import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { mergeRunResults, type MergeInput } from '../harness/cli/commands/report-merge-results.ts';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { parseShard, selectShard } from '../harness/config/shard.ts';
import type { RunResults, TargetResult } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const readFileSyncUtf8 = (path: string): string => readFileSync(path, 'utf8');

/** What must survive a split and a merge: names, ids, verdicts, outcomes, stages, in order. */
function comparable(results: RunResults) {
  return {
    targets: results.targets.map((target) => ({
      name: target.name,
      url: target.url,
      trusts: target.trusts,
      scenarios: target.scenarios.map((scenario) => ({
        id: scenario.id,
        expected: scenario.expected,
        verdict: scenario.verdict,
        reason: scenario.reason,
        outcome: scenario.observed?.outcome ?? null,
        stage: scenario.observed?.stage ?? null,
        steps: scenario.steps?.map((step) => step.observation?.outcome ?? step.note ?? null) ?? null,
      })),
    })),
    summary: results.summary,
  };
}

function junitCases(xml: string): string[] {
  return [...xml.matchAll(/<testcase [^>]*?classname="([^"]*)"[^>]*?name="([^"]*)"/g)].map(
    ([, classname, name]) => `${classname} › ${name}`,
  );
}

describe('sharding: run --shard i/n and report merge', function () {
  this.timeout(180_000);

  describe('which targets a shard runs', () => {
    const targets = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const cases: [string, string[]][] = [
      ['1/1', targets],
      ['1/3', ['a', 'd', 'g']],
      ['2/3', ['b', 'e']],
      ['3/3', ['c', 'f']],
      ['7/7', ['g']],
      ['8/8', []],
      [' 2 / 4 ', ['b', 'f']],
    ];
    for (const [spec, expected] of cases) {
      it(`--shard ${spec.trim()} of 7 targets runs ${expected.join(', ') || 'none'}`, () => {
        expect(selectShard(targets, parseShard(spec))).to.deep.equal(expected);
      });
    }

    it('gives every target to exactly one shard, shard sizes differing by at most one', () => {
      for (const total of [1, 2, 3, 5, 8]) {
        const shards = Array.from({ length: total }, (_, i) => selectShard(targets, { index: i + 1, total }));
        expect(shards.flat().sort()).to.deep.equal(targets);
        const sizes = shards.map((shard) => shard.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).to.be.at.most(1);
      }
    });
  });

  describe('what report merge refuses (exit 2)', () => {
    const target = (name: string): TargetResult => ({
      name,
      url: `https://127.0.0.1:1/${name}`,
      suite: 'server',
      trusts: ['ca1'],
      scenarios: [],
    });
    const shard = (index: number, total: number, names: string[], version = '0.1.0'): MergeInput => ({
      label: `shard-${index}`,
      results: {
        version: 1,
        tool: { name: 'mtls-conformance', version },
        startedAt: `2026-03-02T10:00:0${index}.000Z`,
        finishedAt: `2026-03-02T10:01:0${index}.000Z`,
        interrupted: false,
        targets: names.map(target),
        summary: { pass: 0, fail: 0, skip: 0, notRun: 0, undecided: 0 },
        shard: { index, total, allTargets: 5 },
      },
    });
    const refusal = (inputs: MergeInput[]): string => {
      try {
        mergeRunResults(inputs);
        return 'merged';
      } catch (error) {
        expect(isHarnessError(error), String(error)).to.equal(true);
        return (error as Error).message;
      }
    };

    it('merges shards given in any order back into config order', () => {
      const merged = mergeRunResults([shard(2, 2, ['b', 'd']), shard(1, 2, ['a', 'c', 'e'])]);
      expect(merged.targets.map((t) => t.name)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      expect(merged.startedAt).to.equal('2026-03-02T10:00:01.000Z');
      expect(merged.finishedAt).to.equal('2026-03-02T10:01:02.000Z');
      expect(merged).not.to.have.property('shard');
    });

    const cases: [string, () => MergeInput[], RegExp][] = [
      [
        'the same shard twice',
        () => [
          shard(1, 2, ['a', 'c', 'e']),
          { ...shard(1, 2, ['a', 'c', 'e']), label: 'copy' },
          shard(2, 2, ['b', 'd']),
        ],
        /^Cannot merge: shard-1 and copy are both shard 1\/2, so they overlap\./,
      ],
      [
        'a missing shard',
        () => [shard(1, 3, ['a', 'd'])],
        /^Cannot merge: shards 2\/3, 3\/3 are missing, so the merged report would leave targets out\./,
      ],
      [
        'shards of different tool versions',
        () => [shard(1, 2, ['a', 'c', 'e']), shard(2, 2, ['b', 'd'], '0.2.0')],
        /^Cannot merge shard-1 \(results.json version 1, mtls-conformance 0.1.0\) with shard-2 \(version 1, mtls-conformance 0.2.0\)/,
      ],
      [
        'shards of different splits',
        () => [shard(1, 2, ['a', 'c', 'e']), shard(2, 3, ['b', 'e'])],
        /they split different runs/,
      ],
      [
        'a shard that holds the wrong number of targets',
        () => [shard(1, 2, ['a', 'c']), shard(2, 2, ['b', 'd'])],
        /shard 1\/2 of 5 targets should hold 3, it holds 2/,
      ],
      [
        'a target in two shards',
        () => [shard(1, 2, ['a', 'c', 'e']), shard(2, 2, ['b', 'a'])],
        /target a is in both shard-1 and shard-2, so the shards overlap/,
      ],
      [
        'a whole run among shards',
        () => {
          const whole = shard(1, 2, ['x']);
          delete whole.results.shard;
          return [shard(1, 2, ['a', 'c', 'e']), { ...whole, label: 'whole' }];
        },
        /^Cannot merge whole with shards: it holds a whole run/,
      ],
    ];
    for (const [what, inputs, message] of cases) {
      it(`refuses ${what}`, () => {
        expect(refusal(inputs())).to.match(message);
      });
    }
  });

  describe('the CI examples in docs/ci', () => {
    // Every mtls-conformance command line of the examples, as the shell gets it.
    const commandsOf = (file: string): string[] => {
      const found: string[] = [];
      const visit = (value: unknown): void => {
        if (typeof value === 'string' && value.includes('npx mtls-conformance')) found.push(value);
        else if (Array.isArray(value)) value.forEach(visit);
        else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
      };
      visit(parse(readFileSyncUtf8(fileURLToPath(new URL(`../docs/ci/${file}`, import.meta.url)))));
      return found;
    };

    for (const [file, shardFlag] of [
      ['github-actions.yml', '--shard ${{ matrix.shard }}/${{ env.SHARDS }}'],
      ['gitlab-ci.yml', '--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"'],
    ] as const) {
      it(`${file}: runs shards, keeps exit 1 for the merge, merges, with options the CLI has`, async () => {
        const commands = commandsOf(file);
        const run = commands.find((command) => command.includes('mtls-conformance run'));
        const merge = commands.find((command) => command.includes('mtls-conformance report merge'));
        expect(run, file)
          .to.include(shardFlag)
          .and.to.match(/\|\| \[ \$\? -eq 1 \]/);
        expect(merge, file).to.match(/report merge \S*shard-\* --report-dir/);
        for (const [command, help] of [
          [run!, ['run', '--help']],
          [merge!, ['report', 'merge', '--help']],
        ] as const) {
          const { stdout } = await runCliProcess(help);
          for (const flag of command.match(/--[a-z-]+/g) ?? [])
            expect(stdout, `${file}: ${flag}`).to.include(flag);
        }
      });
    }
  });

  describe('the split-and-merge round trip, through the real CLI', () => {
    let work: string;
    let servers: StartedMockMtlsServer[];
    let configFile: string;
    const env = { FIXTURE_PASS: testPassphrase };
    const common = ['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'];

    before(async () => {
      const fixtures = await testFixtures();
      work = await mkdtemp(join(tmpdir(), 'mtlsc-shard-'));
      const server = () => new MockMtlsServer(fixtures.identity('server'));
      servers = await Promise.all([
        server()
          .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
          .start(),
        server()
          .withTrust(fixtures.trustBundlePem(['ca1']))
          .withRefusal('http')
          .start(),
        server()
          .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
          .withMisconfiguration('accept-any-certificate')
          .start(),
      ]);
      const [both, ca1Only, anything] = servers.map((started) => `${started.url}/healthcheck`);
      configFile = join(work, 'config.json');
      // Five targets over three shards: 2, 2 and 1. Two declarations do not match their endpoint, so
      // the run fails, and the merged exit code must say so.
      await writeFile(
        configFile,
        JSON.stringify({
          targets: [
            { name: 'both-cas', url: both, trusts: ['ca1', 'ca2'], serverCa: 'ca1' },
            { name: 'ca1-only-http', url: ca1Only, trusts: ['ca1'], serverCa: 'ca1' },
            { name: 'both-declared-ca1', url: both, trusts: ['ca1'] },
            { name: 'accept-anything', url: anything, trusts: ['ca1', 'ca2'], serverCa: 'ca1' },
            { name: 'ca1-only-handshake-demanded', url: ca1Only, trusts: ['ca1'], rejectAt: 'handshake' },
          ],
        }),
      );
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await rm(work, { recursive: true, force: true });
    });

    it('merges three shards into the results, JUnit and HTML of the unsharded run, with its exit code', async () => {
      const run = (reportDir: string, ...args: string[]) =>
        runCliProcess(
          ['run', '--config', configFile, ...common, '--report-dir', join(work, reportDir), ...args],
          {
            cwd: work,
            env,
          },
        );
      const [whole, ...shards] = await Promise.all([
        run('whole'),
        run('shard-1', '--shard', '1/3'),
        run('shard-2', '--shard', '2/3'),
        run('shard-3', '--shard', '3/3'),
      ]);
      expect(whole.code, whole.stderr).to.equal(1);
      expect(shards.map((shard) => shard.code)).to.deep.equal([1, 1, 1]);
      expect(shards[1].stderr).to.include('shard 2/3: 2 of 5 target(s).');

      // Folders in the order a shell glob gives them is not config order: merge must not care.
      const merge = await runCliProcess(
        ['report', 'merge', 'shard-3', 'shard-1', 'shard-2', '--report-dir', join(work, 'merged')],
        { cwd: work },
      );
      expect(merge.code, merge.stderr).to.equal(1);
      expect(merge.stderr).to.include('Merged 3 shards: 5 target(s).');
      expect(merge.stdout.trimEnd().split('\n').slice(-3)).to.deep.equal(
        ['report.html', 'junit.xml', 'results.json'].map((file) => `  ${join(work, 'merged', file)}`),
      );

      const read = async (dir: string, file: string) => readFile(join(work, dir, file), 'utf8');
      const merged = JSON.parse(await read('merged', 'results.json')) as RunResults;
      const unsharded = JSON.parse(await read('whole', 'results.json')) as RunResults;
      expect(comparable(merged)).to.deep.equal(comparable(unsharded));
      expect(merged.summary.fail).to.be.greaterThan(0);
      const cases = junitCases(await read('whole', 'junit.xml'));
      expect(cases).to.have.length(5 * 25);
      expect(junitCases(await read('merged', 'junit.xml'))).to.deep.equal(cases);
      const html = await read('merged', 'report.html');
      for (const target of unsharded.targets) expect(html).to.include(target.name);
    });

    it('exits 2 with one line when the same shard is given twice', async () => {
      const merge = await runCliProcess(['report', 'merge', 'shard-1', 'shard-1', 'shard-2', 'shard-3'], {
        cwd: work,
      });
      expect(merge.code).to.equal(2);
      expect(merge.stderr.trim()).to.equal(
        "mtls-conformance: Cannot merge: shard-1 and shard-1 are both shard 1/3, so they overlap. Give each shard's folder once.",
      );
    });
  });
});
