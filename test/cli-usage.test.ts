import { expect } from 'chai';
import { runCli } from '../harness/cli/run-cli.ts';
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
