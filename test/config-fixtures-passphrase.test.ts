import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseConfig } from '../harness/config/load-config.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// `fixtures: { dir, passphraseEnv }`: a set made with `fixtures --password-env` (the shared test set
// has no passphrase.txt) runs without `--fixtures-passphrase-env` on every command line.
const target =
  'targets:\n  - { name: gateway, provider: mock, trusts: [ca1], scenarios: { only: [trusted-client, bad-keystore-password] } }\n';

function load(fixtures: string, env: NodeJS.ProcessEnv = { FIXTURE_PASS: 'p' }) {
  return parseConfig(`${fixtures}\n${target}`, { file: 'mtls-conformance.yaml', baseDir: '/work/cfg', env });
}

function problemOf(fixtures: string, env?: NodeJS.ProcessEnv): string {
  try {
    load(fixtures, env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'loaded';
}

describe('config: fixtures as a folder or { dir, passphraseEnv }', function () {
  this.timeout(90_000);

  it('takes the folder alone, or the folder and the variable of its passphrase', () => {
    expect(load('fixtures: ./set')).to.include({ fixtures: '/work/cfg/set' });
    expect(load('fixtures: ./set').fixturesPassphraseEnv).to.equal(undefined);
    expect(load('fixtures: { dir: ./set, passphraseEnv: FIXTURE_PASS }')).to.include({
      fixtures: '/work/cfg/set',
      fixturesPassphraseEnv: 'FIXTURE_PASS',
    });
    expect(load('fixtures: { passphraseEnv: FIXTURE_PASS }').fixtures).to.equal('/work/cfg/fixtures');
  });

  const refusals: Array<[string, string, NodeJS.ProcessEnv?]> = [
    [
      'fixtures: { dri: ./set }',
      'fixtures.dri (line 1): unknown key (did you mean dir?); allowed: dir, passphraseEnv.',
    ],
    [
      'fixtures: { dir: ./set, passphrase: s3cret }',
      'fixtures.passphrase (line 1): an inline passphrase is refused: it would end up in repositories and CI logs.',
    ],
    [
      'fixtures: 3',
      'fixtures (line 1): must be the fixture folder (fixtures: ./fixtures) or { dir, passphraseEnv } (fixtures: { dir: ./fixtures, passphraseEnv: FIXTURE_PASS }); saw 3.',
    ],
    ['fixtures: { dir: "" }', 'fixtures.dir (line 1): must not be empty.'],
    [
      'fixtures: { passphraseEnv: 1x }',
      'fixtures.passphraseEnv (line 1): "1x" is not an environment variable name;',
    ],
    [
      'fixtures: { passphraseEnv: FIXTURE_PASS }',
      'fixtures.passphraseEnv (line 1): the environment variable FIXTURE_PASS is not set; export it before the run',
      {},
    ],
  ];
  for (const [written, message, env] of refusals) {
    it(`refuses ${written} in one line naming the field`, () => {
      const problem = problemOf(written, env);
      expect(problem).to.include(`Cannot load mtls-conformance.yaml. ${message}`);
      expect(problem).not.to.include('oneOf');
      expect(problem).not.to.include('s3cret');
    });
  }

  describe('run (the real CLI)', () => {
    let work: string;
    before(async () => {
      await testFixtures();
      work = await mkdtemp(join(tmpdir(), 'mtlsc-fixtures-config-'));
    });
    after(() => rm(work, { recursive: true, force: true }));

    async function run(fixtures: string, env: NodeJS.ProcessEnv, flags: string[] = []) {
      const config = join(work, 'mtls-conformance.yaml');
      await writeFile(config, `${fixtures}\n${target}`);
      const reportDir = join(work, 'reports');
      return runCliProcess(['run', '--config', config, '--report-dir', reportDir, ...flags], {
        cwd: work,
        env: { FIXTURE_PASS: undefined, OTHER_PASS: undefined, ...env },
      });
    }

    it('opens a set made with --password-env from the config alone, and bad-keystore-password passes', async () => {
      const result = await run(`fixtures: { dir: ${testFixturesDir}, passphraseEnv: FIXTURE_PASS }`, {
        FIXTURE_PASS: testPassphrase,
      });
      expect(result.code, result.stderr).to.equal(0);
      const results = JSON.parse(await readFile(join(work, 'reports', 'results.json'), 'utf8')) as RunResults;
      expect(results.targets[0]?.scenarios.map((scenario) => [scenario.id, scenario.verdict])).to.deep.equal([
        ['trusted-client', 'pass'],
        ['bad-keystore-password', 'pass'],
      ]);
      expect(result.stderr + result.stdout).not.to.include(testPassphrase);
    });

    it('without it, the same set stops the run: its passphrase is unknown (exit 2)', async () => {
      const result = await run(`fixtures: ${testFixturesDir}`, {});
      expect(result.code).to.equal(2);
      expect(result.stderr).to.include('has no passphrase.txt, so its keystore passphrase is unknown');
    });

    it('a wrong value is named by the config field that gave it (exit 2, before any probe)', async () => {
      const result = await run(`fixtures: { dir: ${testFixturesDir}, passphraseEnv: FIXTURE_PASS }`, {
        FIXTURE_PASS: 'not-the-passphrase',
      });
      expect(result.code).to.equal(2);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(
        /^mtls-conformance: fixtures\.passphraseEnv FIXTURE_PASS \(.*mtls-conformance\.yaml\): its value does not open the keystores of the fixture set in /,
      );
      expect(result.stderr).not.to.include('not-the-passphrase');
    });

    it('--fixtures-passphrase-env overrides it, and the config variable need not be set then', async () => {
      const result = await run(
        `fixtures: { dir: ${testFixturesDir}, passphraseEnv: FIXTURE_PASS }`,
        { OTHER_PASS: testPassphrase },
        ['--fixtures-passphrase-env', 'OTHER_PASS'],
      );
      expect(result.code, result.stderr).to.equal(0);
    });
  });
});
