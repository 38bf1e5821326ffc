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
