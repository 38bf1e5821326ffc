// `npm run bench`: the benchmark of issue 8. Every figure is a ratio of two things measured side by
// side in this run, because shared CI machines are noisy; the absolute times are printed for context.
// Writes bench/results.json (git-ignored) and prints a table. Options: --quick (tiny sizes, a smoke
// run of every piece), --keep (leave the work folder).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { type BenchRow, formatBenchTable, ms, ratio } from './bench-table.ts';
import { benchFixtureGeneration } from './fixture-generation-bench.ts';
import { benchProbeOverhead } from './probe-overhead-bench.ts';
import { benchScale } from './scale-bench.ts';
import { benchSeedPlan, startSeedNginx } from './seed-plan-bench.ts';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const plan = quick
  ? { fixtureRounds: 1, seedRounds: 1, probeIterations: 10, scaleSizes: [4], curlEndpoints: 4 }
  : { fixtureRounds: 3, seedRounds: 5, probeIterations: 200, scaleSizes: [50, 100, 200], curlEndpoints: 100 };
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
  log('1/4 fixture generation: harness vs the seed openssl script');
  const fixtures = await benchFixtureGeneration(work, plan.fixtureRounds);
  const fixtureSet = await openFixtureSet(fixtures.fixturesDir);
  log('2/4 the seed test plan: full catalogue vs the curl script, two local nginx');
  const nginx = await startSeedNginx(fixtureSet);
  let seed;
  let probe;
  try {
    seed = await benchSeedPlan(work, fixtures.fixturesDir, nginx, plan.seedRounds);
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
  const scale = await benchScale(work, fixtures.fixturesDir, plan.scaleSizes, plan.curlEndpoints);
  const hundred = scale.runs.find((run) => run.endpoints === plan.curlEndpoints) ?? scale.runs.at(-1)!;
  const perEndpointRatio = hundred.wallMs / hundred.endpoints / (scale.curlScriptMs / scale.curlEndpoints);
  const [smallest, largest] = [scale.runs[0]!, scale.runs.at(-1)!];
  const perHundred = (from: number, to: number) =>
    largest.endpoints > smallest.endpoints
      ? ((to - from) / (largest.endpoints - smallest.endpoints)) * 100
      : Number.NaN;
  const rssPerHundred = perHundred(smallest.peakRssMb, largest.peakRssMb);
  const [memorySmall, memoryLarge] = [scale.memory[0]!, scale.memory.at(-1)!];
  const keptPerHundred = perHundred(memorySmall.heapAfterRunMb, memoryLarge.heapAfterRunMb);
  const mb = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} MB`);

  const rows: BenchRow[] = [
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
    figures: { fixtures, seed, probe, scale },
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
