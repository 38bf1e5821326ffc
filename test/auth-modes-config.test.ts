import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { RunResults } from '../harness/report/run-results.ts';
import { authScenarios } from '../harness/scenarios/catalogue.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const dir = fileURLToPath(new URL('../.tmp/auth-modes-config-test', import.meta.url));
const secrets = { WM_USER: 'alice', WM_PASSWORD: 'wm-secret-password', FIXTURE_PASS: testPassphrase };

async function writeConfig(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    [`fixtures: ${testFixturesDir}`, `reportDir: ${join(dir, 'reports')}`, 'targets:', ...lines, ''].join(
      '\n',
    ),
  );
  return file;
}

const run = (config: string, env: NodeJS.ProcessEnv = secrets) =>
  runCliProcess(['run', '--config', config, '--fixtures-passphrase-env', 'FIXTURE_PASS'], {
    env,
    timeoutMs: 120_000,
  });

describe('auth: in the config, from the command line', function () {
  this.timeout(180_000);

  before(async () => {
    await testFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('runs the server suite and the auth set against a mock in force mode; no secret in any output', async () => {
    const config = await writeConfig('force.yaml', [
      '  - name: webmethods-force',
      '    provider: mock',
      '    trusts: [ca1]',
      '    auth:',
      '      mode: force',
      '      basic: { userEnv: WM_USER, passwordEnv: WM_PASSWORD }',
      // In force mode every certificate the catalogue expects accepted must be some user's.
      '      users: [{ subject: tpp1, user: alice }, { subject: tpp3, user: bob }, { subject: intermediate-leaf, user: carol }]',
      '    scenarios:',
      '      skip: { auth-neither: "covered by no-client-cert here" }',
    ]);
    const { code, stdout, stderr } = await run(config);
    expect(code, stderr).to.equal(0);
    const results = JSON.parse(await readFile(join(dir, 'reports', 'results.json'), 'utf8')) as RunResults;
    const ids = results.targets[0]?.scenarios.map((scenario) => `${scenario.id}: ${scenario.verdict}`) ?? [];
    expect(ids.slice(-authScenarios.length)).to.deep.equal([
      'auth-certificate-only: pass',
      'auth-credentials-only: pass',
      'auth-certificate-and-credentials: pass',
      'auth-neither: skip',
      'auth-wrong-credentials: pass',
      'auth-other-users-certificate: pass',
    ]);
    const basicHeader = Buffer.from(`${secrets.WM_USER}:${secrets.WM_PASSWORD}`).toString('base64');
    for (const text of [stdout, stderr]) {
      expect(text).not.to.include(secrets.WM_PASSWORD);
      expect(text).not.to.include(basicHeader);
    }
    for (const name of await readdir(join(dir, 'reports'))) {
      const report = await readFile(join(dir, 'reports', name), 'utf8');
      expect(report, name).not.to.include(secrets.WM_PASSWORD);
      expect(report, name).not.to.include(basicHeader);
    }
  });

  it('reports every auth problem at once, before any network I/O, naming the fields', async () => {
    const config = await writeConfig('broken.yaml', [
      '  - name: no-credentials',
      '    url: https://127.0.0.1:9/api',
      '    trusts: [ca1]',
      '    auth: { mode: exclusive }',
      '  - name: both-kinds',
      '    url: tls://127.0.0.1:9',
      '    trusts: [ca1]',
      '    auth: { mode: default, basic: { userEnv: WM_USER, passwordEnv: UNSET_PASSWORD }, bearer: { tokenEnv: WM_TOKEN } }',
      '  - name: wrong-mode',
      '    url: https://127.0.0.1:9/api',
      '    trusts: [ca1]',
      '    auth: { mode: lenient, basic: { userEnv: WM_USER, passwordEnv: WM_PASSWORD } }',
      '  - name: selects-auth-without-auth',
      '    url: https://127.0.0.1:9/api',
      '    trusts: [ca1]',
      '    scenarios: { only: [auth-neither] }',
    ]);
    const { code, stderr } = await run(config);
    expect(code).to.equal(2);
    expect(stderr).to.include('targets[0].auth');
    expect(stderr).to.include(
      'gives no credentials; add basic: { userEnv, passwordEnv } or bearer: { tokenEnv }',
    );
    expect(stderr).to.include('targets[1].auth.bearer');
    expect(stderr).to.include('give basic or bearer, not both; remove one');
    expect(stderr).to.include('targets[1].url');
    expect(stderr).to.include('auth sends HTTP credentials; give the https:// URL of the API');
    expect(stderr).to.include('targets[1].auth.basic.passwordEnv');
    expect(stderr).to.include('the environment variable UNSET_PASSWORD is not set');
    expect(stderr).to.include('targets[2].auth.mode');
    expect(stderr).to.match(/exclusive.*force.*default/);
    expect(stderr).to.include('targets[3].scenarios.only[0]');
    expect(stderr).to.include('"auth-neither" is not a scenario of the server suite');
    expect(stderr).not.to.include(secrets.WM_PASSWORD);
  });
});
