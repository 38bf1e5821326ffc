import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FinishedScenariosJournal,
  finishedScenariosJournalName,
  type JournalEntry,
  type JournalHeader,
} from '../harness/report/finished-scenarios-journal.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { sampleRunResults } from './support/report-sample-results.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { startCliProcess } from './support/started-cli-process.ts';

const fixtureFlags = ['--fixtures-passphrase-env', 'FIXTURE_PASS'];
const env = { FIXTURE_PASS: testPassphrase };

describe('report: each finished scenario reaches the disk at once (issue 21)', function () {
  this.timeout(120_000);
  let work: string;
  let fast: StartedMockMtlsServer;
  let slow: StartedMockMtlsServer;

  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-journal-'));
    const server = () =>
      new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.trustBundlePem(['ca1']));
    fast = await server().withRefusal('http').start();
    // Every answer waits 2 s: with concurrency 1, the run is still on this target long after the first.
    slow = await server()
      .withRefusal('http')
      .withRoute('*', '/healthcheck', async () => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return { status: 200, body: { status: 'ok' } };
      })
      .start();
  });
  after(async () => {
    await Promise.all([fast?.stop(), slow?.stop()]);
    await rm(work, { recursive: true, force: true });
  });

  async function writeConfig(name: string): Promise<string> {
    const file = join(work, `${name}.yaml`);
    await writeFile(
      file,
      [
        `fixtures: ${JSON.stringify(testFixturesDir)}`,
        'concurrency: 1',
        'targets:',
        `  - { name: fast, url: "${fast.url}/healthcheck", trusts: [ca1], serverCa: ca1 }`,
        `  - { name: slow, url: "${slow.url}/healthcheck", trusts: [ca1], serverCa: ca1 }`,
      ].join('\n'),
    );
    return file;
  }

  it('a run killed with SIGKILL (as by the OOM killer) leaves a line per scenario that finished', async () => {
    const reportDir = join(work, 'killed');
    const cli = startCliProcess(
      ['run', '--config', await writeConfig('killed'), ...fixtureFlags, '--report-dir', reportDir],
      {
        cwd: work,
        env,
      },
    );
    // The fast target is done and the slow one has started: then nothing can write the reports.
    await cli.waitForStderr(/\bslow\b.*\n(.*\n)*.*\bslow\b/);
    cli.kill('SIGKILL');
    const ended = await cli.ended;
    expect(ended.signal).to.equal('SIGKILL');
    const names = await readdir(reportDir);
    expect(names).not.to.include('results.json');
    expect(names).to.include(finishedScenariosJournalName);
    const lines = (await readFile(join(reportDir, finishedScenariosJournalName), 'utf8')).split('\n');
    expect(lines.at(-1), 'the file ends with a whole line').to.equal('');
    const [header, ...entries] = lines.slice(0, -1).map((line) => JSON.parse(line) as unknown);
    expect((header as JournalHeader).journal).to.equal('mtls-conformance finished scenarios');
    const finished = (entries as JournalEntry[]).filter((entry) => entry.target.name === 'fast');
    const printed = [...ended.stderr.matchAll(/^\[ *\d+\/\d+\] .*\bfast\b.*$/gm)].length;
    expect(printed, 'the progress printed some of the fast target').to.be.greaterThan(0);
    expect(finished.length, 'every scenario the progress showed finished is in the journal').to.be.at.least(
      printed,
    );
    // The allow-list scenarios are skipped (no allowedSubjects declared); every other one passes.
    for (const entry of finished) {
      expect(entry.scenario.verdict, entry.scenario.id).to.equal(
        entry.scenario.id.startsWith('allow-list-') ? 'skip' : 'pass',
      );
    }
  });

  it('a run that writes its reports leaves no journal', async () => {
    const reportDir = join(work, 'finished');
    const config = join(work, 'finished.yaml');
    await writeFile(
      config,
      [
        `fixtures: ${JSON.stringify(testFixturesDir)}`,
        'targets:',
        `  - { name: fast, url: "${fast.url}/healthcheck", trusts: [ca1], serverCa: ca1 }`,
      ].join('\n'),
    );
    const run = await runCliProcess(['run', '--config', config, ...fixtureFlags, '--report-dir', reportDir], {
      cwd: work,
      env,
    });
    expect(run.code, run.stderr).to.equal(0);
    expect((await readdir(reportDir)).sort()).to.deep.equal(['junit.xml', 'report.html', 'results.json']);
  });

  it('in process: the header, then one whole line per scenario as it ends; remove() deletes it', async () => {
    const dir = await mkdtemp(join(work, 'unit-'));
    const journal = new FinishedScenariosJournal(dir);
    const target = sampleRunResults().targets[0]!;
    expect(existsSync(journal.file), 'nothing before the first scenario ends').to.equal(false);
    for (const scenario of target.scenarios) {
      journal.onScenarioEnd(target, scenario);
      const lines = (await readFile(journal.file, 'utf8')).trimEnd().split('\n');
      expect(lines).to.have.length(1 + target.scenarios.indexOf(scenario) + 1);
      expect((JSON.parse(lines.at(-1)!) as JournalEntry).scenario).to.deep.equal(scenario);
    }
    journal.remove();
    expect(existsSync(journal.file)).to.equal(false);
  });
});
