import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from './support/run-cli-process.ts';

// Issue 24, defect 2: a typo in --fixtures, or a config read from another folder, used to generate a
// fresh fixture set; the gateway, which trusts the old ca1, then refused everyone and was blamed (exit
// 1, six failures). For endpoints the harness does not start, a missing set is input to fix: exit 2,
// one line naming the folder it looked in, and nothing written.

describe('run: a missing fixture set for endpoints the harness did not start (issue 24)', function () {
  this.timeout(60_000);
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'verdicts-fixtures-'));
  });

  afterEach(() => rm(work, { recursive: true, force: true }));

  async function expectRefused(args: string[], message: RegExp | string): Promise<void> {
    const result = await runCliProcess(args, { cwd: work });
    expect(result.code, result.stderr).to.equal(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).to.have.length(1);
    if (typeof message === 'string') expect(lines[0]).to.equal(message);
    else expect(lines[0]).to.match(message);
    expect(result.stdout).to.equal('');
  }

  it('--target with a --fixtures folder that does not exist: exit 2 naming the resolved path, nothing created', async () => {
    const missing = join(work, 'fixturs');
    await expectRefused(
      ['run', '--target', 'https://127.0.0.1:8443/healthcheck', '--trusts', 'ca1', '--fixtures', 'fixturs'],
      `mtls-conformance: No fixture set in ${missing} (from --fixtures; no manifest.json there). Target 127.0.0.1:8443 is an endpoint the harness does not start, set up with the certificates of an existing set: a new set would have new CAs and every scenario would fail. Point --fixtures at the set the endpoint trusts, or create one with: mtls-conformance fixtures --out ${missing} (then give the endpoint its trust/ca1.pem).`,
    );
    expect(existsSync(missing)).to.equal(false);
  });

  it('a config in another folder: the set is looked for next to it, and the message says so', async () => {
    await mkdir(join(work, 'ci'));
    await writeFile(
      join(work, 'ci', 'gateway.yaml'),
      [
        'targets:',
        '  - { name: edge, url: "https://127.0.0.1:8443/healthcheck", trusts: [ca1] }',
        '  - { name: saas, suite: client, trusts: [ca1], client: { wait: { timeoutMs: 1000 } } }',
        '',
      ].join('\n'),
    );
    await expectRefused(
      ['run', '--config', 'ci/gateway.yaml'],
      new RegExp(
        `^mtls-conformance: No fixture set in ${join(work, 'ci', 'fixtures')} \\(from fixtures: in ci/gateway\\.yaml, resolved against its folder; no manifest\\.json there\\)\\. Targets edge, saas are endpoints the harness does not start`,
      ),
    );
    expect(existsSync(join(work, 'ci', 'fixtures'))).to.equal(false);
  });
});
