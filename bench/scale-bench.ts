import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResults } from '../harness/report/run-results.ts';
import { benchPassphrase, cliPath } from './bench-paths.ts';
import { measureProcess } from './measure-process.ts';
import { timeSeedCurlsPerEndpoint } from './time-seed-curls.ts';
import { startTargetFarm, type TargetFarm } from './start-target-farm.ts';

const memoryChild = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

export interface ScaleRun {
  endpoints: number;
  /** `mtls-conformance run --targets-file` at the default concurrency: the whole process. */
  wallMs: number;
  /** TLS connections the probes opened (scenarios with several probes count each). */
  probes: number;
  probesPerSecond: number;
  scenarios: number;
  passed: number;
  peakRssMb: number;
  /** CPU time of the harness process, all its threads: how much of the wall time it was working. */
  cpuMs: number;
  /** CPU time of the mock farm during the run: the endpoints' side of the same handshakes. */
  farmCpuMs: number;
  /** `--workers`: undefined for the default (the machine's cores). */
  workers?: number;
}

/** Where the memory of a run goes: the results it keeps, and the peak while writing the reports. */
export interface MemorySplit {
  endpoints: number;
  /** JavaScript heap after a full GC once every scenario finished: what the run keeps. */
  heapAfterRunMb: number;
  rssAfterRunMb: number;
  /** The process's peak, reached while the reports are written. */
  peakRssMb: number;
}

export interface ScaleFigures {
  runs: ScaleRun[];
  memory: MemorySplit[];
  /** The run of `curlEndpoints` endpoints again with `--workers 0`: every probe in the main thread. */
  inMainThread: ScaleRun;
  /** And with `--workers <cores>`: every probe on a worker thread from the first. */
  onAllCores: ScaleRun;
  /** The seed's 4-curl script run once per endpoint, for the largest size that `curlEndpoints` names. */
  curlEndpoints: number;
  curlScriptMs: number;
}

/**
 * Figure 4: N endpoints × the full catalogue. The endpoints are mock servers in a child process (their
 * TLS work on another core, as remote gateways' would be); the harness reads them from a targets file
 * with one shared declaration and runs at its default concurrency. Each size is a fresh process, so
 * its peak RSS is its own. `largeSize` (issue 21's 1,000 endpoints) is one more run of that size,
 * without the in-process memory split.
 */
export async function benchScale(
  work: string,
  fixturesDir: string,
  sizes: readonly number[],
  curlEndpoints: number,
  largeSize?: number,
): Promise<ScaleFigures> {
  const allSizes = largeSize === undefined ? sizes : [...sizes, largeSize];
  await using farm = await startTargetFarm(fixturesDir, Math.max(...allSizes, curlEndpoints));
  const runs: ScaleRun[] = [];
  for (const size of allSizes) runs.push(await scaleRun(work, fixturesDir, farm, size));
  const inMainThread = await scaleRun(work, fixturesDir, farm, curlEndpoints, 0);
  const onAllCores = await scaleRun(work, fixturesDir, farm, curlEndpoints, availableParallelism());
  const memory: MemorySplit[] = [];
  for (const size of [Math.min(...sizes), Math.max(...sizes)]) {
    const child = await measureProcess(
      memoryChild,
      [fixturesDir, benchPassphrase, join(work, `endpoints-${size}.txt`), join(work, `memory-${size}`)],
      { node: true, nodeArgs: ['--expose-gc', '--import', 'tsx'] },
    );
    const split = JSON.parse(child.stdout) as { heapAfterRunMb: number; rssAfterRunMb: number; fail: number };
    if (child.code !== 0 || split.fail !== 0) throw new Error(`the memory run failed:\n${child.stderr}`);
    memory.push({ endpoints: size, ...split, peakRssMb: child.peakRssMb ?? Number.NaN });
  }
  const curlScriptMs = await timeSeedCurlsPerEndpoint(
    join(work, `curl-${curlEndpoints}.sh`),
    fixturesDir,
    farm.urls.slice(0, curlEndpoints),
  );
  return { runs, inMainThread, onAllCores, memory, curlEndpoints, curlScriptMs };
}

/** One `run --targets-file` of `size` farm endpoints at the default concurrency, the whole process. */
async function scaleRun(
  work: string,
  fixturesDir: string,
  farm: TargetFarm,
  size: number,
  workers?: number,
): Promise<ScaleRun> {
  const listFile = join(work, `endpoints-${size}.txt`);
  await writeFile(listFile, `${farm.urls.slice(0, size).join('\n')}\n`);
  const reportDir = join(work, workers === undefined ? `scale-${size}` : `scale-${size}-workers-${workers}`);
  const farmCpuBefore = await farm.cpuMs();
  const run = await measureProcess(
    cliPath,
    [
      'run',
      ...['--targets-file', listFile, '--trusts', 'ca1,ca2', '--server-ca', 'ca1'],
      ...['--fixtures', fixturesDir, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--report-dir', reportDir],
      ...(workers === undefined ? [] : ['--workers', String(workers)]),
    ],
    { node: true, env: { FIXTURE_PASS: benchPassphrase } },
  );
  const farmCpuMs = (await farm.cpuMs()) - farmCpuBefore;
  if (run.code !== 0) {
    throw new Error(
      `the scale run of ${size} endpoints did not pass (exit ${run.code}):\n${run.stderr.slice(-2000)}`,
    );
  }
  const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const probes = countProbes(results);
  return {
    endpoints: size,
    wallMs: run.wallMs,
    probes,
    probesPerSecond: probes / (run.wallMs / 1000),
    scenarios: results.targets.reduce((sum, target) => sum + target.scenarios.length, 0),
    passed: results.summary.pass,
    peakRssMb: run.peakRssMb ?? Number.NaN,
    cpuMs: run.cpuMs ?? Number.NaN,
    farmCpuMs,
    ...(workers === undefined ? {} : { workers }),
  };
}

/** TLS connections the scenarios made: each step's probe, else the deciding one; plus one CA-names read per endpoint. */
export function countProbes(results: RunResults): number {
  let probes = 0;
  for (const target of results.targets) {
    if (target.scenarios.some((scenario) => scenario.observed?.acceptableCaNames.obtained)) probes += 1;
    for (const scenario of target.scenarios) {
      probes += scenario.steps
        ? scenario.steps.filter((step) => step.observation !== null).length
        : scenario.observed === null
          ? 0
          : 1;
    }
  }
  return probes;
}
