// `npm run bench`: the benchmark of issues 8 and 21. Every figure is a ratio of two things measured side
// by side in this run, because shared CI machines are noisy; the absolute times are printed for context.
// Writes bench/results.json (git-ignored) and prints a table. Options: --quick (tiny sizes, a smoke
// run of every piece), --keep (leave the work folder), --1000 (adds the 1,000-endpoint run and the
// opening of its report.html in Chromium: a few more minutes, so opt-in).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { type BenchRow, formatBenchTable, ms, ratio } from './bench-table.ts';
import { benchFixtureGeneration } from './fixture-generation-bench.ts';
import { benchProbeOverhead } from './probe-overhead-bench.ts';
import { benchScale } from './scale-bench.ts';
import { benchNginxScale } from './nginx-scale-bench.ts';
import { benchReportOpen, type ReportOpenFigures } from './report-open-bench.ts';
import { benchSeedPlan, startSeedNginx } from './seed-plan-bench.ts';
import { benchSingleNginx } from './single-nginx-bench.ts';
import { benchStartup } from './startup-bench.ts';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const thousand = process.argv.includes('--1000');
const plan = quick
  ? {
      startupRounds: 2,
      fixtureRounds: 1,
      seedRounds: 1,
      probeIterations: 10,
      scaleSizes: [4],
      curlEndpoints: 4,
    }
  : {
      startupRounds: 10,
      fixtureRounds: 3,
      seedRounds: 5,
      probeIterations: 200,
      scaleSizes: [50, 100, 200],
      curlEndpoints: 100,
    };
// The 1,000-endpoint run (issue 21): after the others, with its own memory figures; --quick --1000 is a
// smoke run of that path with 8 endpoints.
const largeSize = thousand ? (quick ? 8 : 1000) : undefined;
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

const work = await mkdtemp(join(tmpdir(), 'mtlsc-bench-'));
const machine = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
};
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
try {
  log(`work folder ${work}${quick ? ' (quick)' : ''}`);
  log('0/4 process start: scenarios and --help vs node -e 1');
  const startup = await benchStartup(plan.startupRounds);
  log('1/4 fixture generation: harness vs the seed openssl script');
  const fixtures = await benchFixtureGeneration(work, plan.fixtureRounds);
  const fixtureSet = await openFixtureSet(fixtures.fixturesDir);
  log('2/4 the seed test plan: full catalogue vs the curl script, two local nginx');
  const nginx = await startSeedNginx(fixtureSet);
  let seed;
  let single;
  let probe;
  try {
    seed = await benchSeedPlan(work, fixtures.fixturesDir, nginx, plan.seedRounds);
    log('2/4 the full catalogue vs the equivalent curl script, one local nginx');
    single = await benchSingleNginx(work, fixtures.fixturesDir, nginx.bothCas, plan.seedRounds);
    log('3/4 one probe vs a bare tls.connect handshake (nginx CA1+CA2)');
    probe = await benchProbeOverhead(
      {
        url: nginx.bothCas.url,
        identity: fixtureSet.identity('tpp1'),
        serverTrustPem: fixtureSet.certificatePem('ca1'),
      },
      plan.probeIterations,
    );
  } finally {
    await Promise.all([nginx.bothCas.stop(), nginx.ca1Only.stop()]);
  }
  log(
    `4/4 scale: ${plan.scaleSizes.join(', ')} mock endpoints × the catalogue, and the curl script × ${plan.curlEndpoints}`,
  );
  const scale = await benchScale(work, fixtures.fixturesDir, plan.scaleSizes, plan.curlEndpoints, largeSize);
  log(`4/4 scale: ${plan.curlEndpoints} nginx endpoints × the catalogue, default --workers and --workers 0`);
  const nginxScale = await benchNginxScale(work, fixtureSet, plan.curlEndpoints, [
    undefined,
    0,
    machine.cpus,
  ]);
  const large = largeSize === undefined ? undefined : scale.runs.find((run) => run.endpoints === largeSize);
  let reportOpen: ReportOpenFigures | undefined;
  if (large !== undefined) {
    log(`4/4 report.html of ${large.endpoints} endpoints in Chromium`);
    reportOpen = await benchReportOpen(
      join(work, `scale-${large.endpoints}`, 'report.html'),
      large.endpoints,
    );
  }
  const hundred = scale.runs.find((run) => run.endpoints === plan.curlEndpoints) ?? scale.runs.at(-1)!;
  const perEndpointRatio = hundred.wallMs / hundred.endpoints / (scale.curlScriptMs / scale.curlEndpoints);
  const standardRuns = scale.runs.filter((run) => run !== large);
  const [smallest, largest] = [standardRuns[0]!, standardRuns.at(-1)!];
  const perHundred = (from: number, to: number) =>
    largest.endpoints > smallest.endpoints
      ? ((to - from) / (largest.endpoints - smallest.endpoints)) * 100
      : Number.NaN;
  const rssPerHundred = perHundred(smallest.peakRssMb, largest.peakRssMb);
  const [memorySmall, memoryLarge] = [scale.memory[0]!, scale.memory.at(-1)!];
  const keptPerHundred = perHundred(memorySmall.heapAfterRunMb, memoryLarge.heapAfterRunMb);
  const mb = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} MB`);

  const [nginxDefault, nginxMainThread, nginxAllCores] = [
    nginxScale.runs[0]!,
    nginxScale.runs[1]!,
    nginxScale.runs[2]!,
  ];
  const nginxCores = nginxAllCores.cpuMs / nginxAllCores.wallMs;
  const nginxPerEndpoint =
    nginxDefault.wallMs / nginxScale.endpoints / (nginxScale.curlScriptMs / nginxScale.endpoints);
  const allCores = scale.onAllCores;
  const cores = allCores.cpuMs / allCores.wallMs;
  const defaultCores = hundred.cpuMs / hundred.wallMs;
  const farmCores = hundred.farmCpuMs / hundred.wallMs;
  const mainThread = scale.inMainThread;
  const largeGrowth =
    large === undefined
      ? Number.NaN
      : ((large.peakRssMb - hundred.peakRssMb) / (large.endpoints - hundred.endpoints)) * 100;
  const rows: BenchRow[] = [
    {
      figure: `0. \`scenarios\` process vs node -e 1 (median of ${startup.rounds})`,
      harness: ms(startup.scenariosMs),
      reference: `node -e 1 ${ms(startup.nodeMs)}`,
      ratio: ratio(startup.scenariosMs / startup.nodeMs),
      goal: '≤ 2×',
      met: startup.scenariosMs / startup.nodeMs <= 2,
    },
    {
      figure: '0. `--help` process vs node -e 1',
      harness: ms(startup.helpMs),
      reference: `node -e 1 ${ms(startup.nodeMs)}`,
      ratio: ratio(startup.helpMs / startup.nodeMs),
      goal: '≤ 2×',
      met: startup.helpMs / startup.nodeMs <= 2,
    },
    {
      figure: '0. `scenarios` through tsx (MTLSC_RUN_SOURCES=1)',
      harness: ms(startup.scenariosTsxMs),
      reference: `node -e 1 ${ms(startup.nodeMs)}`,
      ratio: ratio(startup.scenariosTsxMs / startup.nodeMs),
      goal: '(context)',
      met: null,
    },
    {
      figure: '1. fixtures, cold (CLI process)',
      harness: ms(fixtures.harnessColdMs),
      reference: `openssl script ${ms(fixtures.opensslColdMs)}`,
      ratio: ratio(fixtures.harnessColdMs / fixtures.opensslColdMs),
      goal: '≤ 0.5×',
      met: fixtures.harnessColdMs / fixtures.opensslColdMs <= 0.5,
    },
    {
      figure: '1. fixtures, cached (in process)',
      harness: ms(fixtures.harnessCachedInProcessMs),
      reference: `openssl script ${ms(fixtures.opensslColdMs)}`,
      ratio: ratio(fixtures.harnessCachedInProcessMs / fixtures.opensslColdMs),
      goal: '≤ 100 ms',
      met: fixtures.harnessCachedInProcessMs <= 100,
    },
    {
      figure: '1. fixtures, cached (CLI process)',
      harness: ms(fixtures.harnessCachedCliMs),
      reference: `openssl script ${ms(fixtures.opensslColdMs)}`,
      ratio: ratio(fixtures.harnessCachedCliMs / fixtures.opensslColdMs),
      goal: '(context)',
      met: null,
    },
    {
      figure: `2. seed plan: ${seed.harnessScenarios} scenarios vs ${seed.curlCommands} curls (CLI process)`,
      harness: ms(seed.harnessMs),
      reference: `curl script ${ms(seed.curlScriptMs)}`,
      ratio: ratio(seed.harnessMs / seed.curlScriptMs),
      goal: '≤ 1.0×',
      met: seed.harnessMs / seed.curlScriptMs <= 1,
    },
    {
      figure: `2. full catalogue vs 1 local nginx (${single.checks} checks, CLI process)`,
      harness: ms(single.harnessMs),
      reference: `curl script × ${single.checks} ${ms(single.curlScriptMs)}`,
      ratio: ratio(single.harnessMs / single.curlScriptMs),
      goal: '≤ 1.0×',
      met: single.harnessMs / single.curlScriptMs <= 1,
    },
    {
      figure: '2. seed plan: the catalogue alone (in process)',
      harness: ms(seed.harnessInProcessMs),
      reference: `curl script ${ms(seed.curlScriptMs)}`,
      ratio: ratio(seed.harnessInProcessMs / seed.curlScriptMs),
      goal: '(context)',
      met: null,
    },
    {
      figure: `3. one probe vs bare handshake (median of ${probe.iterations})`,
      harness: `${probe.probeMs.toFixed(2)} ms`,
      reference: `tls.connect ${probe.bareHandshakeMs.toFixed(2)} ms`,
      ratio: ratio(probe.probeMs / probe.bareHandshakeMs),
      goal: '≤ 1.5×',
      met: probe.probeMs / probe.bareHandshakeMs <= 1.5,
    },
    {
      figure: '3. one probe vs bare handshake + GET',
      harness: `${probe.probeMs.toFixed(2)} ms`,
      reference: `tls.connect+GET ${probe.bareHandshakeGetMs.toFixed(2)} ms`,
      ratio: ratio(probe.probeMs / probe.bareHandshakeGetMs),
      goal: '(context)',
      met: null,
    },
    ...scale.runs.map((run) => ({
      figure: `4. ${run.endpoints} endpoints × catalogue (${run.probes} probes, ${Math.round(run.probesPerSecond)}/s)`,
      harness: ms(run.wallMs),
      reference: `peak RSS ${Math.round(run.peakRssMb)} MB, CPU ${ms(run.cpuMs)}`,
      ratio: '',
      goal: run.endpoints === hundred.endpoints ? '≤ 20 s, ≤ 300 MB' : '(context)',
      met: run.endpoints === hundred.endpoints ? run.wallMs <= 20_000 && run.peakRssMb <= 300 : null,
    })),
    {
      figure: `4. per endpoint vs the curl script × ${scale.curlEndpoints}`,
      harness: ms(hundred.wallMs / hundred.endpoints),
      reference: `curl ${ms(scale.curlScriptMs / scale.curlEndpoints)}`,
      ratio: ratio(perEndpointRatio),
      goal: '≤ 0.2×',
      met: perEndpointRatio <= 0.2,
    },
    {
      figure: `4. CPU use at ${hundred.endpoints} endpoints, --workers ${machine.cpus}`,
      harness: `${cores.toFixed(2)} cores`,
      reference: `CPU ${ms(allCores.cpuMs)} / wall ${ms(allCores.wallMs)}; farm ${(allCores.farmCpuMs / allCores.wallMs).toFixed(2)} cores`,
      ratio: ratio(allCores.wallMs / hundred.wallMs),
      goal: '≥ 1.7 cores',
      met: cores >= 1.7,
    },
    {
      figure: `4. CPU use at ${hundred.endpoints} endpoints, default (workers on a spare core)`,
      harness: `${defaultCores.toFixed(2)} cores`,
      reference: `farm ${farmCores.toFixed(2)} cores: harness + farm ${(defaultCores + farmCores).toFixed(2)} of ${machine.cpus}`,
      ratio: '',
      goal: '(context)',
      met: null,
    },
    {
      figure: `4. ${mainThread.endpoints} endpoints, --workers 0 (every probe in the main thread)`,
      harness: ms(mainThread.wallMs),
      reference: `CPU ${ms(mainThread.cpuMs)} (${(mainThread.cpuMs / mainThread.wallMs).toFixed(2)} cores), farm ${(mainThread.farmCpuMs / mainThread.wallMs).toFixed(2)} cores`,
      ratio: ratio(mainThread.wallMs / hundred.wallMs),
      goal: '(context)',
      met: null,
    },
    {
      figure: `4n. ${nginxScale.endpoints} nginx endpoints × catalogue (${nginxDefault.probes} probes, ${Math.round(nginxDefault.probes / (nginxDefault.wallMs / 1000))}/s)`,
      harness: ms(nginxDefault.wallMs),
      reference: `machine busy ${(nginxDefault.machineBusyMs / nginxDefault.wallMs).toFixed(2)} of ${machine.cpus} cores`,
      ratio: '',
      goal: '(context)',
      met: null,
    },
    {
      figure: `4n. per nginx endpoint vs the curl script × ${nginxScale.endpoints}`,
      harness: ms(nginxDefault.wallMs / nginxScale.endpoints),
      reference: `curl ${ms(nginxScale.curlScriptMs / nginxScale.endpoints)}`,
      ratio: ratio(nginxPerEndpoint),
      goal: '≤ 0.2×',
      met: nginxPerEndpoint <= 0.2,
    },
    {
      figure: `4n. CPU use at ${nginxScale.endpoints} nginx endpoints, --workers ${machine.cpus}`,
      harness: `${nginxCores.toFixed(2)} cores`,
      reference: `CPU ${ms(nginxAllCores.cpuMs)} / wall ${ms(nginxAllCores.wallMs)}, machine ${(nginxAllCores.machineBusyMs / nginxAllCores.wallMs).toFixed(2)}`,
      ratio: ratio(nginxAllCores.wallMs / nginxDefault.wallMs),
      goal: '≥ 1.7 cores',
      met: nginxCores >= 1.7,
    },
    {
      figure: `4n. ${nginxScale.endpoints} nginx endpoints, --workers 0`,
      harness: ms(nginxMainThread.wallMs),
      reference: `CPU ${ms(nginxMainThread.cpuMs)} (${(nginxMainThread.cpuMs / nginxMainThread.wallMs).toFixed(2)} cores), machine ${(nginxMainThread.machineBusyMs / nginxMainThread.wallMs).toFixed(2)}`,
      ratio: ratio(nginxDefault.wallMs / nginxMainThread.wallMs),
      goal: '(context)',
      met: null,
    },
    ...(large === undefined
      ? [
          {
            figure: '4. peak RSS at 1,000 endpoints',
            harness: 'not run',
            reference: 'npm run bench -- --1000',
            ratio: '',
            goal: '≤ 400 MB, ≤ 15 MB / 100',
            met: null,
          },
          {
            figure: '4. report.html of 1,000 endpoints in Chromium',
            harness: 'not run',
            reference: 'npm run bench -- --1000',
            ratio: '',
            goal: '≤ 3 s, matrix shown',
            met: null,
          },
        ]
      : [
          {
            figure: `4. peak RSS at ${large.endpoints} endpoints (mock farm in another process)`,
            harness: mb(large.peakRssMb),
            reference: `+${mb(largeGrowth)} per 100 (${hundred.endpoints} → ${large.endpoints}), ${ms((large.wallMs / large.endpoints) * 100)} per 100`,
            ratio: '',
            goal: '≤ 400 MB, ≤ 15 MB / 100',
            met: large.peakRssMb <= 400 && largeGrowth <= 15,
          },
          {
            figure: `4. report.html of ${large.endpoints} endpoints in Chromium`,
            harness: ms(reportOpen!.openMs),
            reference: `${reportOpen!.matrixRows} matrix rows`,
            ratio: '',
            goal: '≤ 3 s, matrix shown',
            met: reportOpen!.openMs <= 3000 && reportOpen!.matrixRows >= large.endpoints,
          },
        ]),
    {
      figure: '4. peak RSS growth per 100 endpoints',
      harness: mb(rssPerHundred),
      reference: `${smallest.endpoints} → ${largest.endpoints} endpoints`,
      ratio: '',
      goal: '(context)',
      met: null,
    },
    {
      figure: '4. results kept by the run, per 100 endpoints',
      harness: mb(keptPerHundred),
      reference: `heap after GC ${mb(memorySmall.heapAfterRunMb)} → ${mb(memoryLarge.heapAfterRunMb)}`,
      ratio: '',
      goal: '(context)',
      met: null,
    },
    {
      figure: `4. writing the reports of ${memoryLarge.endpoints} endpoints`,
      harness: `+${mb(memoryLarge.peakRssMb - memoryLarge.rssAfterRunMb)}`,
      reference: `RSS ${mb(memoryLarge.rssAfterRunMb)} → peak ${mb(memoryLarge.peakRssMb)}`,
      ratio: '',
      goal: '(context)',
      met: null,
    },
  ];
  const report = {
    machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))) },
    quick,
    figures: { startup, fixtures, seed, single, probe, scale, nginxScale, reportOpen },
    rows,
  };
  if (!quick) await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\n${formatBenchTable(rows)}\n\n${machine.date.slice(0, 10)}, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')} → ${report.machine.loadAverageAtEnd.join(' ')}\n`,
  );
  if (!quick) log(`wrote ${resultsFile}`);
} finally {
  if (!keep) await rm(work, { recursive: true, force: true });
}
