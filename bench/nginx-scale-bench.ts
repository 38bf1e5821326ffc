import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import { benchPassphrase, cliPath } from './bench-paths.ts';
import { machineBusyMs } from './machine-cpu.ts';
import { measureProcess } from './measure-process.ts';
import { countProbes } from './scale-bench.ts';
import { openSslCaTrueLeaf } from './seed-plan-bench.ts';
import { timeSeedCurlsPerEndpoint } from './time-seed-curls.ts';

/** nginx processes the endpoints are spread over, one worker each: nginx's side can use every core. */
const nginxProcesses = 4;

export interface NginxScaleRun {
  /** `--workers`: undefined for the default (the machine's cores). */
  workers?: number;
  wallMs: number;
  /** The harness process, every thread. */
  cpuMs: number;
  /** The whole machine over the run: the harness, nginx and anything else. */
  machineBusyMs: number;
  probes: number;
}

export interface NginxScaleFigures {
  endpoints: number;
  runs: NginxScaleRun[];
  /** The seed's 4-curl script once per endpoint, against the same URLs. */
  curlScriptMs: number;
}

/**
 * N endpoints served by real nginx (the gateway users run, in C: its TLS work per handshake is a
 * fraction of the harness's, as a remote partner's costs this machine nothing), × the catalogue, with
 * the default workers and with `--workers 0`, against the seed's curls × N on the same URLs. The
 * endpoints are URLs of `nginxProcesses` nginx (ca1+ca2, as the seed's); each nginx port's CA names
 * and chain are read once per worker, as for one endpoint, which a run of N distinct ports reads N times.
 */
export async function benchNginxScale(
  work: string,
  fixtures: FixtureSet,
  endpoints: number,
  workerCounts: readonly (number | undefined)[],
): Promise<NginxScaleFigures> {
  const started = await Promise.all(
    Array.from({ length: nginxProcesses }, (_, index) =>
      new NginxProcessTargetProvider({
        declaration: {
          name: `nginx-farm-${index}`,
          trusts: ['ca1', 'ca2'],
          serverCa: 'ca1',
          rejectAt: 'any',
          tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        },
        fixtures,
      }).start(),
    ),
  );
  try {
    // The provider's health check answers 200 whatever the query: one endpoint per query string.
    const urls = Array.from(
      { length: endpoints },
      (_, index) => `${started[index % nginxProcesses]!.url}?partner=${index}`,
    );
    const listFile = join(work, `nginx-endpoints-${endpoints}.txt`);
    await writeFile(listFile, `${urls.map((url, index) => `partner-${index} ${url}`).join('\n')}\n`);
    const configFile = join(work, `nginx-scale-${endpoints}.json`);
    await writeFile(
      configFile,
      JSON.stringify({
        fixtures: fixtures.dir,
        targetsFiles: [
          { file: listFile, trusts: ['ca1', 'ca2'], serverCa: 'ca1', scenarios: openSslCaTrueLeaf },
        ],
      }),
    );
    const runs: NginxScaleRun[] = [];
    for (const workers of workerCounts) {
      const reportDir = join(work, `nginx-scale-${endpoints}-workers-${workers ?? 'default'}`);
      const busyBefore = await machineBusyMs();
      const run = await measureProcess(
        cliPath,
        [
          'run',
          ...['--config', configFile, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--report-dir', reportDir],
          ...(workers === undefined ? [] : ['--workers', String(workers)]),
        ],
        { node: true, env: { FIXTURE_PASS: benchPassphrase } },
      );
      const machineBusy = (await machineBusyMs()) - busyBefore;
      if (run.code !== 0) {
        throw new Error(
          `the nginx scale run (--workers ${workers ?? 'default'}) did not pass (exit ${run.code}):\n${run.stderr.slice(-2000)}`,
        );
      }
      const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      runs.push({
        ...(workers === undefined ? {} : { workers }),
        wallMs: run.wallMs,
        cpuMs: run.cpuMs ?? Number.NaN,
        machineBusyMs: machineBusy,
        probes: countProbes(results),
      });
    }
    const curlScriptMs = await timeSeedCurlsPerEndpoint(
      join(work, `nginx-curl-${endpoints}.sh`),
      fixtures.dir,
      urls,
    );
    return { endpoints, runs, curlScriptMs };
  } finally {
    await Promise.all(started.map((target) => target.stop()));
  }
}
