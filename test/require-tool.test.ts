import { expect } from 'chai';
import { requireTool } from './support/require-tool.ts';

describe('requireTool: a missing tool skips on a laptop and fails in CI', () => {
  const context = () => {
    const calls = { skipped: 0 };
    return { calls, skip: () => void (calls.skipped += 1) };
  };

  it('does nothing when the tool is there', () => {
    const mocha = context();
    requireTool(mocha, true, 'keytool', 'apt-get install default-jdk-headless', { CI: 'true' });
    expect(mocha.calls.skipped).to.equal(0);
  });

  it('fails under CI, naming the tool and how to install it', () => {
    const mocha = context();
    expect(() =>
      requireTool(mocha, false, 'keytool', 'apt-get install default-jdk-headless', { CI: 'true' }),
    ).to.throw(
      'keytool is not installed (apt-get install default-jdk-headless), and CI=true: these tests must run in CI.',
    );
    expect(mocha.calls.skipped).to.equal(0);
  });

  it('skips without CI', () => {
    const mocha = context();
    const warn = console.warn;
    console.warn = () => {};
    try {
      requireTool(mocha, false, 'nginx', 'apt-get install nginx-light', {});
    } finally {
      console.warn = warn;
    }
    expect(mocha.calls.skipped).to.equal(1);
  });
});
