import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { createTargetProvider } from '../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../suites/index.ts';
import { jksFixtures, jksPassphrase } from './support/jks-fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const dir = fileURLToPath(new URL('../.tmp/jks-bad-keystore-password-test', import.meta.url));

describe('bad-keystore-password and serverCa with Java keystores', function () {
  this.timeout(180_000);
  let set: FixtureSet;

  before(async () => {
    set = await jksFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('opens a JKS identity with a wrong store password (refused locally, nothing sent), then the right one', async () => {
    const declaration = {
      name: 'jks-identity',
      url: 'https://127.0.0.1:0/',
      trusts: ['ca1'],
      rejectAt: 'any' as const,
      tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
      trustedIdentity: 'tpp1.jks',
    };
    const results = await runConformance({
      fixtures: set,
      fixturePassphrase: jksPassphrase,
      planners: suitePlanners,
      concurrency: 4,
      timeouts: {},
      targets: [
        {
          declaration,
          suite: 'server',
          selection: { only: ['trusted-client', 'bad-keystore-password'] },
          provider: createTargetProvider({ provider: 'mock', declaration }, set),
          identity: {
            keystoreFile: set.path('tpp1', 'jks'),
            storePassword: jksPassphrase,
            storePasswordSource: 'storePasswordEnv TPP1_JKS_PASS',
          },
        },
      ],
    });
    const [trusted, keystore] = results.targets[0]?.scenarios ?? [];
    expect(trusted?.verdict, trusted?.reason).to.equal('pass');
    expect(keystore?.verdict, keystore?.reason).to.equal('pass');
    expect(keystore?.steps?.[0]?.note).to.equal(
      `refused by the client, nothing sent: ${set.path('tpp1', 'jks')}: the store password does not open this keystore (JKS integrity check failed; Java reports "Keystore was tampered with, or password was incorrect"). Check the store password (storePasswordEnv TPP1_JKS_PASS).`,
    );
    expect(keystore?.steps?.[1]?.observation?.outcome).to.equal('accepted');
    expect(JSON.stringify(results)).not.to.include(jksPassphrase);
  });

  it('runs from a config: keystore identity, JKS truststore as serverCa, passwords from the environment only', async () => {
    const config = join(dir, 'java.yaml');
    const reports = join(dir, 'reports');
    await writeFile(
      config,
      [
        `fixtures: ${set.dir}`,
        `reportDir: ${reports}`,
        'targets:',
        '  - name: java-keystores',
        '    provider: mock',
        '    trusts: [ca1]',
        `    serverCa: ${join(set.dir, 'trust', 'ca1.jks')}`,
        '    serverCaPasswordEnv: TRUST_PASS',
        `    identity: { keystore: ${set.path('tpp1', 'jks')}, storePasswordEnv: TPP1_JKS_PASS, alias: TPP1 }`,
        '    scenarios: { only: [trusted-client, bad-keystore-password, server-identity] }',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCliProcess(
      ['run', '--config', config, '--fixtures-passphrase-env', 'TPP1_JKS_PASS'],
      {
        env: { TPP1_JKS_PASS: jksPassphrase, TRUST_PASS: jksPassphrase },
        timeoutMs: 120_000,
      },
    );
    expect(code, stderr).to.equal(0);
    const results = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8')) as RunResults;
    const verdicts = results.targets[0]?.scenarios.map((scenario) => `${scenario.id}: ${scenario.verdict}`);
    expect(verdicts).to.deep.equal([
      'trusted-client: pass',
      'bad-keystore-password: pass',
      'server-identity: pass',
    ]);
    // Neither password is anywhere: output, results, junit, HTML.
    expect(stdout + stderr).not.to.include(jksPassphrase);
    for (const name of await readdir(reports)) {
      expect(await readFile(join(reports, name), 'utf8'), name).not.to.include(jksPassphrase);
    }
  });

  it('refuses the config before any network I/O when a keystore variable is unset or storePasswordEnv missing', async () => {
    const config = join(dir, 'broken.yaml');
    await writeFile(
      config,
      [
        `fixtures: ${set.dir}`,
        'targets:',
        '  - name: broken',
        '    url: https://127.0.0.1:9/',
        '    trusts: [ca1]',
        `    serverCa: ${join(set.dir, 'trust', 'ca1.jks')}`,
        '    serverCaPasswordEnv: UNSET_TRUST_PASS',
        `    identity: { keystore: ${set.path('tpp1', 'jks')}, p12: x.p12 }`,
        '',
      ].join('\n'),
    );
    const { code, stderr } = await runCliProcess(['run', '--config', config], { timeoutMs: 60_000 });
    expect(code).to.equal(2);
    expect(stderr).to.include('targets[0].serverCaPasswordEnv');
    expect(stderr).to.include('the environment variable UNSET_TRUST_PASS is not set');
    expect(stderr).to.include('targets[0].identity.p12');
    expect(stderr).to.include('not used with keystore; give cert and key, or p12, or keystore, one of them');
    expect(stderr).to.include('targets[0].identity.storePasswordEnv');
  });
});
