import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runCli } from '../harness/cli/run-cli.ts';
import { captureProcessOutput } from './support/capture-process-output.ts';
import { collectStream } from './support/collect-stream.ts';

describe('CLI usage', () => {
  it('prints a short usage with examples and exits 2 when given no arguments', async () => {
    const stderr = collectStream();
    const code = await runCli([], stderr);
    expect(code).to.equal(2);
    expect(stderr.text()).to.include('Usage: mtls-conformance <command>');
    expect(stderr.text()).to.include('Examples:');
  });
});

describe('CLI help', () => {
  it('prints --help with every command and returns 0 without ending the process', async () => {
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    };
    try {
      expect(await runCli(['--help'])).to.equal(0);
    } finally {
      process.stdout.write = original;
    }
    const help = writes.join('');
    for (const command of ['run', 'probe', 'fixtures', 'scenarios', 'init']) {
      expect(help).to.match(new RegExp(`mtls-conformance ${command}\\b`));
    }
  });
});

describe('CLI entry point', () => {
  it('ends in one line and exit 2, not a stack trace, when its dependencies are not installed', async () => {
    // A copy of the entry point with no node_modules above it stands for an `npm ci` that never ran.
    const folder = await mkdtemp(join(tmpdir(), 'mtlsc-bin-'));
    try {
      await mkdir(join(folder, 'bin'));
      await copyFile(
        fileURLToPath(new URL('../bin/mtls-conformance.js', import.meta.url)),
        join(folder, 'bin', 'cli.js'),
      );
      await copyFile(
        fileURLToPath(new URL('../bin/compiled-harness.js', import.meta.url)),
        join(folder, 'bin', 'compiled-harness.js'),
      );
      const result = spawnSync(process.execPath, [join(folder, 'bin', 'cli.js'), 'scenarios'], {
        encoding: 'utf8',
      });
      expect(result.status).to.equal(2);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(
        /^mtls-conformance: internal error: cannot load the harness: .*tsx.*\(run npm ci/,
      );
      expect(result.stderr).not.to.include('    at ');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('CLI: only the named command is loaded, whatever comes before its name', () => {
  for (const argv of [
    ['--debug', 'false', 'scenarios', '--suite', 'oauth'],
    ['--debug', 'scenarios', '--suite', 'oauth'],
    ['--debug=true', 'scenarios', '--suite', 'oauth'],
  ]) {
    it(`${argv.join(' ')}: runs scenarios`, async () => {
      const stderr = collectStream();
      const run = await captureProcessOutput(() => runCli(argv, stderr));
      expect(run.result, stderr.text()).to.equal(0);
      expect(run.stdout).to.match(/^Suite oauth: 9 scenarios$/m);
    });
  }

  it('--debug false run --help: the help of run, with its options', async () => {
    const run = await captureProcessOutput(() => runCli(['--debug', 'false', 'run', '--help']));
    expect(run.result).to.equal(0);
    expect(run.stdout).to.include('--target');
    expect(run.stdout).to.include('--baseline');
  });
});
