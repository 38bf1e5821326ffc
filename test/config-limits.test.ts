import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromTargetsFile } from '../harness/config/config-from-flags.ts';
import { parseByteSize, parseMaxTargets } from '../harness/config/config-limits.ts';
import { loadConfig } from '../harness/config/load-config.ts';
import { runCliProcess } from './support/run-cli-process.ts';

/**
 * Issue 25: a 10 MB config of 130 000 targets took 33 s and 1.2 GB before its validation error. A config
 * (and each targets file) is now read only up to --max-config-size (1 MiB) and may declare at most
 * --max-targets targets (1000, per shard), each refused in one line before anything is parsed further.
 */
describe('config: limits on size and target count', function () {
  this.timeout(120_000);
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'mtlsc-limits-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  /** A config of `count` valid url targets, one flow mapping a line (about 90 bytes each). */
  async function configOf(name: string, count: number): Promise<string> {
    const lines = ['targets:'];
    for (let index = 0; index < count; index++) {
      lines.push(`  - { name: t${index}, url: "https://127.0.0.1:${1024 + index}/x", trusts: [ca1] }`);
    }
    const file = join(work, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('run refuses a config over 1 MiB in one line, exit 2, naming its size and --max-config-size', async () => {
    const file = await configOf('large.yaml', 20_000);
    const result = await runCliProcess(['run', '--config', file], { cwd: work });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(
      /^mtls-conformance: Cannot load \S+large\.yaml\. It is 1\.\d MiB, larger than a config or targets file may be: 1 MiB \(--max-config-size\)\. A thousand targets take about 100 KiB: check that it is the file you meant, or raise the limit, e\.g\. --max-config-size 3M\.\n$/,
    );
    expect(result.stdout).to.equal('');
  });

  it('run refuses more than 1000 targets in one line, exit 2, and takes them with --max-targets or --shard', async () => {
    const file = await configOf('many.yaml', 1001);
    const refused = await runCliProcess(['run', '--config', file], { cwd: work });
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.equal(
      `mtls-conformance: Cannot load ${file}. It declares 1001 targets, more than a run takes: 1000 (--max-targets). A run keeps about 1.3 MB per target; split the list across CI jobs with --shard i/n (each takes up to --max-targets), or raise the limit, e.g. --max-targets 1001.\n`,
    );
    // Past the limit, the run goes on to its next check: here, that the fixture set is missing.
    for (const flags of [
      ['--max-targets', '1001'],
      ['--shard', '1/2'],
    ]) {
      const taken = await runCliProcess(['run', '--config', file, ...flags], { cwd: work });
      expect(taken.code, taken.stderr).to.equal(2);
      expect(taken.stderr, flags.join(' ')).to.match(/^mtls-conformance: No fixture set in /);
    }
  });

  it('a shard may hold --max-targets of a config of up to that many times the shards', async () => {
    const file = await configOf('sharded.yaml', 25);
    await expectRefused(loadConfig(file, { limits: { maxTargets: 10, shards: 2 } })).then((message) =>
      expect(message).to.include(
        'It declares 25 targets, more than a run takes: 20 for 2 shards (--max-targets 10 per shard).',
      ),
    );
    expect((await loadConfig(file, { limits: { maxTargets: 10, shards: 3 } })).targets).to.have.lengthOf(25);
  });

  it('counts the targets of targetsFiles with the written ones, and bounds each file by size too', async () => {
    const list = join(work, 'list.txt');
    await writeFile(list, Array.from({ length: 60 }, (_, i) => `https://127.0.0.1:${2000 + i}/`).join('\n'));
    await writeFile(
      join(work, 'listed.yaml'),
      [
        'targets:',
        '  - { name: own, url: "https://127.0.0.1:1999/", trusts: [ca1] }',
        'targetsFiles:',
        '  - { file: list.txt, trusts: [ca1] }',
        '',
      ].join('\n'),
    );
    const config = join(work, 'listed.yaml');
    expect(await expectRefused(loadConfig(config, { limits: { maxTargets: 60 } }))).to.include(
      'It declares 61 targets (1 in targets, 60 in targetsFiles), more than a run takes: 60 (--max-targets).',
    );
    expect(await expectRefused(loadConfig(config, { limits: { maxConfigBytes: 1024 } }))).to.match(
      /targetsFiles\[0\]\.file \(line 4\): list\.txt is 1\.\d KiB, larger than a config or targets file may be: 1 KiB \(--max-config-size\)\./,
    );
    expect(() =>
      configFromTargetsFile({ targetsFile: list, trusts: 'ca1' }, { cwd: work, limits: { maxTargets: 59 } }),
    ).to.throw(
      'Cannot use the command-line target. --targets-file: it lists 60 targets, more than a run takes: 59 (--max-targets).',
    );
    expect((await loadConfig(config)).targets).to.have.lengthOf(61);
  });

  it('reads no more than the limit from a file with no size: /dev/zero is refused, not read forever', async () => {
    const message = await expectRefused(loadConfig('/dev/zero'));
    expect(message).to.equal(
      'Cannot load /dev/zero. It is more than 1 MiB, larger than a config or targets file may be: 1 MiB (--max-config-size). A thousand targets take about 100 KiB: check that it is the file you meant, or raise the limit, e.g. --max-config-size 3M.',
    );
  });

  it('parses the flags, with one line for a value it cannot take', () => {
    expect(parseByteSize('4M')).to.equal(4 * 1024 * 1024);
    expect(parseByteSize('512k')).to.equal(512 * 1024);
    expect(parseByteSize('2MiB')).to.equal(2 * 1024 * 1024);
    expect(parseByteSize('1.5MB')).to.equal(1.5 * 1024 * 1024);
    expect(parseByteSize('65536')).to.equal(65536);
    expect(() => parseByteSize('12q')).to.throw(
      'Cannot use --max-config-size "12q": give a size of at least 1K, in bytes or with K or M (1M = 1048576 bytes), e.g. --max-config-size 4M.',
    );
    expect(() => parseByteSize('100')).to.throw('at least 1K');
    expect(parseMaxTargets('5000')).to.equal(5000);
    for (const bad of ['0', '-3', '1.5', 'x', '']) {
      expect(() => parseMaxTargets(bad), bad).to.throw(
        `Cannot use --max-targets ${JSON.stringify(bad)}: it must be a whole number, 1 or more (e.g. --max-targets 5000).`,
      );
    }
  });
});

async function expectRefused(loading: Promise<unknown>): Promise<string> {
  try {
    await loading;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}
