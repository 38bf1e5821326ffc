import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { StartedTarget } from '../harness/targets/target-provider.ts';
import { fileURLToPath } from 'node:url';
import { benchPassphrase, cliPath } from './bench-paths.ts';
import { measureProcess, median } from './measure-process.ts';
import { seedCurlScript } from './seed-curl-script.ts';

const catalogueChild = fileURLToPath(new URL('./catalogue-child.ts', import.meta.url));

export interface SeedPlanFigures {
  rounds: number;
  /** `mtls-conformance run` of the whole catalogue against both nginx, Node start and reports included. */
  harnessMs: number;
  /** The seed's four curl commands as a shell script. */
  curlScriptMs: number;
  /** The catalogue alone (runConformance in a running process): no Node start, no reports. */
  harnessInProcessMs: number;
  /** What each side checks: scenarios judged and connections made, vs curl commands. */
  harnessScenarios: number;
  curlCommands: number;
}

/** Two local nginx, as the seed's two configurations, for figures 2 and 3. Stop them when done. */
export async function startSeedNginx(
  fixtures: FixtureSet,
): Promise<{ bothCas: StartedTarget; ca1Only: StartedTarget }> {
  const declaration = (name: string, trusts: string[]) => ({
    name,
    trusts,
    serverCa: 'ca1',
    rejectAt: 'any' as const,
    tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
  });
  const [bothCas, ca1Only] = await Promise.all([
    new NginxProcessTargetProvider({
      declaration: declaration('nginx-ca1-ca2', ['ca1', 'ca2']),
      fixtures,
    }).start(),
    new NginxProcessTargetProvider({ declaration: declaration('nginx-ca1-only', ['ca1']), fixtures }).start(),
  ]);
  return { bothCas, ca1Only };
}

/** Figure 2: the seed's test plan by hand (curl) vs the harness's full catalogue, against the same nginx. */
export async function benchSeedPlan(
  work: string,
  fixturesDir: string,
  nginx: { bothCas: StartedTarget; ca1Only: StartedTarget },
  rounds: number,
): Promise<SeedPlanFigures> {
  const configFile = join(work, 'seed-plan.json');
  await writeFile(
    configFile,
    JSON.stringify({
      fixtures: fixturesDir,
      reportDir: join(work, 'seed-plan-reports'),
      targets: [
        {
          name: 'nginx-ca1-ca2',
          url: nginx.bothCas.url,
          trusts: ['ca1', 'ca2'],
          serverCa: 'ca1',
          scenarios: openSslCaTrueLeaf,
        },
        {
          name: 'nginx-ca1-only',
          url: nginx.ca1Only.url,
          trusts: ['ca1'],
          serverCa: 'ca1',
          scenarios: openSslCaTrueLeaf,
        },
      ],
    }),
  );
  const scriptFile = join(work, 'seed-plan.sh');
  await writeFile(
    scriptFile,
    seedCurlScript(fixturesDir, { bothCas: nginx.bothCas.url, ca1Only: nginx.ca1Only.url }),
  );
  const env = { FIXTURE_PASS: benchPassphrase };
  const harness: number[] = [];
  const curl: number[] = [];
  const inProcess: number[] = [];
  let scenarios = 0;
  for (let round = 0; round < rounds; round += 1) {
    const run = await measureProcess(
      cliPath,
      ['run', '--config', configFile, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--json'],
      { node: true, env },
    );
    if (run.code !== 0)
      throw new Error(`the harness run against nginx did not pass (exit ${run.code}):\n${run.stderr}`);
    harness.push(run.wallMs);
    const results = JSON.parse(run.stdout) as { summary: { pass: number; fail: number; skip: number } };
    scenarios = results.summary.pass + results.summary.fail;
    const script = await measureProcess('sh', [scriptFile]);
    const statuses = script.stdout.trim().split('\n').join(' ');
    if (statuses !== '400 200 200 400')
      throw new Error(`the seed's curl plan saw ${statuses}, not 400 200 200 400`);
    curl.push(script.wallMs);
    const child = await measureProcess(catalogueChild, [configFile, benchPassphrase], {
      node: true,
      nodeArgs: ['--import', 'tsx'],
    });
    const timed = JSON.parse(child.stdout) as { ms: number; fail: number };
    if (timed.fail !== 0) throw new Error('the in-process catalogue run did not pass');
    inProcess.push(timed.ms);
  }
  return {
    rounds,
    harnessMs: median(harness),
    curlScriptMs: median(curl),
    harnessInProcessMs: median(inProcess),
    harnessScenarios: scenarios,
    curlCommands: 4,
  };
}

/**
 * nginx is OpenSSL, which never refuses a client leaf marked CA:TRUE (docs/key-matrix.md): the bench's
 * nginx declares that known gap, as docs/targets.md shows, so a run of a correct nginx passes.
 */
export const openSslCaTrueLeaf = {
  expect: { 'ca-true-leaf': { expected: 'accepted', reason: 'OpenSSL does not check CA:TRUE' } },
};
