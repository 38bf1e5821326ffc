import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../harness/common/harness-error.ts';
import { configFromTargetsFile } from '../harness/config/config-from-flags.ts';
import { loadConfig } from '../harness/config/load-config.ts';
import type { LoadedIdentity } from '../harness/pki/load-identity.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { createIdentityLoader } from '../harness/runner/identity-loader.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

describe('run options for many endpoints: --concurrency, --targets-file, targetsFiles', function () {
  this.timeout(120_000);
  let work: string;

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-perf-options-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  describe('--concurrency and --shard are checked before any work', () => {
    const cases: [string[], RegExp][] = [
      [
        ['--concurrency', '0'],
        /^mtls-conformance: Cannot use --concurrency "0": it must be a whole number from 1 to 256/,
      ],
      [
        ['--concurrency', 'eight'],
        /Cannot use --concurrency "eight": it must be a whole number from 1 to 256/,
      ],
      [['--concurrency', '2.5'], /Cannot use --concurrency "2.5"/],
      [['--concurrency', '257'], /Cannot use --concurrency "257"/],
      [
        ['--workers', 'all'],
        /^mtls-conformance: Cannot use --workers "all": it must be a whole number from 0 to 64, the threads that carry the probes out \(e\.g\. --workers \d+; 0 runs them all in the main thread\)\.\n$/,
      ],
      [['--workers', '-1'], /Cannot use --workers "-1": it must be a whole number from 0 to 64/],
      [['--workers', '65'], /Cannot use --workers "65"/],
      [['--shard', '0/4'], /Cannot use --shard "0\/4": INDEX must be 1 to 4 \(shards count from 1\)/],
      [['--shard', '5/4'], /Cannot use --shard "5\/4": INDEX must be 1 to 4/],
      [['--shard', '1/0'], /Cannot use --shard "1\/0": TOTAL must be 1 to 1024/],
      [['--shard', 'half'], /Cannot use --shard "half": it is not INDEX\/TOTAL.*e\.g\. --shard 2\/4/],
    ];
    for (const [args, message] of cases) {
      it(`refuses ${args.join(' ')} with one line and exit 2`, async () => {
        const reportDir = join(work, 'never-written');
        const result = await runCliProcess(['run', ...args, '--report-dir', reportDir], { cwd: work });
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr.trim().split('\n')).to.have.length(1);
        expect(result.stderr).to.match(message);
        const written = await readFile(join(reportDir, 'results.json'), 'utf8').catch(() => 'absent');
        expect(written).to.equal('absent');
      });
    }
  });

  describe('a targets file with one shared declaration', () => {
    let bothCas: StartedMockMtlsServer;
    let acceptAnything: StartedMockMtlsServer;

    before(async () => {
      const fixtures = await testFixtures();
      bothCas = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
        .start();
      acceptAnything = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
        .withMisconfiguration('accept-any-certificate')
        .start();
    });
    after(() => Promise.all([bothCas.stop(), acceptAnything.stop()]));

    it('runs every listed endpoint, in file order, named by the line or by host:port', async () => {
      const list = join(work, 'partners.txt');
      await writeFile(
        list,
        [
          '# partner gateways, all meant to accept ca1 and ca2',
          `${bothCas.url}/healthcheck`,
          '',
          `sloppy-partner ${acceptAnything.url}/healthcheck   # lets anyone in`,
        ].join('\n'),
      );
      const reportDir = join(work, 'listed');
      const result = await runCliProcess(
        [
          'run',
          ...['--targets-file', list, '--trusts', 'ca1,ca2', '--server-ca', 'ca1', '--concurrency', '4'],
          ...[
            '--fixtures',
            testFixturesDir,
            '--fixtures-passphrase-env',
            'FIXTURE_PASS',
            '--report-dir',
            reportDir,
          ],
        ],
        { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
      );
      expect(result.code, result.stderr).to.equal(1);
      expect(result.stderr).to.include(`Running ${list}: 2 target(s).`);
      const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      expect(results.targets.map((target) => target.name)).to.deep.equal([
        new URL(bothCas.url).host,
        'sloppy-partner',
      ]);
      expect(results.targets.map((target) => target.trusts)).to.deep.equal([
        ['ca1', 'ca2'],
        ['ca1', 'ca2'],
      ]);
      const failing = (index: number) =>
        results.targets[index]!.scenarios.filter((scenario) => scenario.verdict === 'fail').map((s) => s.id);
      expect(failing(0)).to.deep.equal([]);
      expect(failing(1)).to.include.members(['untrusted-ca', 'self-signed-client-cert']);
    });

    it('--workers 2 and --workers 0 reach the same verdicts, reasons and evidence, in the same order', async () => {
      const list = join(work, 'workers.txt');
      await writeFile(list, `${bothCas.url}/healthcheck\nsloppy ${acceptAnything.url}/healthcheck\n`);
      const runWith = async (workers: string) => {
        const reportDir = join(work, `workers-${workers}`);
        const result = await runCliProcess(
          [
            'run',
            ...['--targets-file', list, '--trusts', 'ca1,ca2', '--server-ca', 'ca1', '--workers', workers],
            ...['--fixtures', testFixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS'],
            ...['--report-dir', reportDir],
          ],
          { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
        );
        expect(result.code, result.stderr).to.equal(1);
        const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
        return results.targets.flatMap((target) =>
          target.scenarios.map((scenario) => ({
            target: target.name,
            id: scenario.id,
            verdict: scenario.verdict,
            reason: scenario.reason,
            outcome: scenario.observed?.outcome,
            status: scenario.observed?.http?.status,
            caNames: scenario.observed?.acceptableCaNames,
          })),
        );
      };
      const [inWorkers, inMainThread] = [await runWith('2'), await runWith('0')];
      expect(inWorkers).to.have.length.greaterThan(30);
      expect(inWorkers).to.deep.equal(inMainThread);
      const failedOn = inWorkers.filter((scenario) => scenario.verdict === 'fail').map((s) => s.target);
      expect(failedOn).to.not.be.empty;
      expect(new Set(failedOn)).to.deep.equal(new Set(['sloppy']));
    });

    it('reads targetsFiles of a config after its targets, each file with its declaration', async () => {
      await writeFile(join(work, 'ca1-only.txt'), `gw-a ${bothCas.url}/a\ngw-b ${bothCas.url}/b\n`);
      await writeFile(
        join(work, 'listed.yaml'),
        [
          `fixtures: ${testFixturesDir}`,
          'targets:',
          '  - name: gateway',
          `    url: ${bothCas.url}/healthcheck`,
          '    trusts: [ca1, ca2]',
          'targetsFiles:',
          '  - file: ca1-only.txt',
          '    trusts: [ca1]',
          '    serverCa: ca1',
          '    rejectAt: handshake',
          '    scenarios: { skip: { tls-1.3: not offered yet } }',
        ].join('\n'),
      );
      const config = await loadConfig(join(work, 'listed.yaml'), { fixtureNames: ['ca1', 'ca2'], env: {} });
      expect(config.targets.map((target) => [target.name, target.provider, target.trusts])).to.deep.equal([
        ['gateway', 'url', ['ca1', 'ca2']],
        ['gw-a', 'url', ['ca1']],
        ['gw-b', 'url', ['ca1']],
      ]);
      expect(config.targets[2]).to.deep.include({
        serverCa: { fixture: 'ca1' },
        rejectAt: 'handshake',
        scenarios: { skip: { 'tls-1.3': 'not offered yet' }, expect: {} },
      });
    });

    it('reports every bad line of a list and of the shared declaration, in document order, in one error', async () => {
      await writeFile(
        join(work, 'bad.txt'),
        [
          'https://127.0.0.1:9001/health',
          'http://127.0.0.1:9002/health',
          'a b https://127.0.0.1:9003/',
          'https://127.0.0.1:9001/other',
          'gateway https://127.0.0.1:9004/',
        ].join('\n'),
      );
      await writeFile(
        join(work, 'bad.yaml'),
        [
          'targets:',
          '  - name: gateway',
          '    url: https://127.0.0.1:8443/',
          '    trusts: [ca1]',
          'targetsFiles:',
          '  - file: bad.txt',
          '    trusts: [ca3]',
          '  - file: missing.txt',
          '    trusts: [ca1]',
        ].join('\n'),
      );
      let message = '';
      try {
        await loadConfig(join(work, 'bad.yaml'), { fixtureNames: ['ca1', 'ca2'], env: {} });
      } catch (error) {
        expect(error).to.be.instanceOf(HarnessError);
        message = (error as Error).message;
      }
      expect(message.split('\n')).to.deep.equal([
        'Cannot load ' + join(work, 'bad.yaml') + ': 6 problems.',
        '  targetsFiles[0].file (line 6): bad.txt line 2: "http://127.0.0.1:9002/health" uses http: (mutual TLS needs TLS); allowed schemes: https, tls.',
        '  targetsFiles[0].file (line 6): bad.txt line 3: expected URL or NAME URL, saw 3 words.',
        '  targetsFiles[0].file (line 6): bad.txt line 4: the name 127.0.0.1:9001 is already used on line 1 (names are unique, ignoring case); write a name before the URL, e.g. "127.0.0.1-9001-b https://127.0.0.1:9001/other".',
        '  targetsFiles[0].file (line 6): bad.txt line 5: the name gateway is already used by targets[0]; names are unique, ignoring case.',
        '  targetsFiles[0].trusts[0] (line 7): "ca3" is not a CA of the fixture set; allowed: ca1, ca2.',
        `  targetsFiles[1].file (line 8): no file at ${join(work, 'missing.txt')}.`,
      ]);
    });

    it('names the flag in problems of --targets-file', () => {
      const attempt = (flags: Parameters<typeof configFromTargetsFile>[0]) => {
        try {
          configFromTargetsFile(flags, { cwd: work, fixtureNames: ['ca1', 'ca2'], env: {} });
          return 'loaded';
        } catch (error) {
          return (error as Error).message;
        }
      };
      expect(attempt({ targetsFile: 'nope.txt', trusts: 'ca1' })).to.equal(
        `Cannot use the command-line target. --targets-file: no file at ${join(work, 'nope.txt')}.`,
      );
      expect(attempt({ targetsFile: 'partners.txt', trusts: 'ca9' })).to.equal(
        'Cannot use the command-line target. --trusts: "ca9" is not a CA of the fixture set; allowed: ca1, ca2.',
      );
    });
  });

  describe('one keystore opening per run', () => {
    it('opens each identity source once, for every target, and remembers a refusal too', async () => {
      const opened: string[] = [];
      const loader = createIdentityLoader((source) => {
        opened.push(JSON.stringify(source));
        return 'p12File' in source && source.passphrase === 'wrong'
          ? Promise.reject(new HarnessError('tpp1.p12: the password does not open this keystore'))
          : Promise.resolve({ label: 'tpp1' } as LoadedIdentity);
      });
      const right = { p12File: 'tpp1.p12', passphrase: 'right' };
      const wrong = { p12File: 'tpp1.p12', passphrase: 'wrong' };
      const outcomes = await Promise.all(
        [right, wrong, right, wrong, { ...right }].map((source) =>
          loader(source).then(
            (identity) => identity.label,
            (error: Error) => error.message,
          ),
        ),
      );
      expect(outcomes).to.deep.equal([
        'tpp1',
        'tpp1.p12: the password does not open this keystore',
        'tpp1',
        'tpp1.p12: the password does not open this keystore',
        'tpp1',
      ]);
      expect(opened).to.have.length(2);
    });
  });
});
