import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Preloaded into a measured Node process (`--import data:…`, so nothing else is loaded with it): at exit
// it writes the peak resident set size and the CPU time to MTLSC_BENCH_RSS_FILE. VmHWM (Linux) is the
// kernel's high-water mark; process.resourceUsage().maxRSS is the portable fallback (both in KiB). The
// CPU time is the process's, every thread's (the probe workers' included).
const peakRssSource = `
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
const out = process.env.MTLSC_BENCH_RSS_FILE;
// Preloads run in worker threads too: only the main thread, which ends last, writes the figures.
if (out && isMainThread) {
  process.on('exit', () => {
    let vmHwmKb;
    try {
      const match = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      vmHwmKb = match ? Number(match[1]) : undefined;
    } catch {}
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(out, JSON.stringify({ vmHwmKb, maxRssKb: usage.maxRSS, cpuMs }));
  });
}
`;
const peakRssPreload = `data:text/javascript,${encodeURIComponent(peakRssSource)}`;

/** What one measured process did: its wall time from spawn to exit, exit code, output and peak RSS. */
export interface MeasuredProcess {
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size in MiB, for Node processes started with `node: true`. */
  peakRssMb?: number;
  /** CPU time (user + system) of that Node process, main and worker threads. */
  cpuMs?: number;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A Node script: run with this Node, with the peak-RSS preload. Default false (any executable). */
  node?: boolean;
  /** With `node`: more Node options, e.g. `['--import', 'tsx']`. Default none. */
  nodeArgs?: readonly string[];
  timeoutMs?: number;
}

/** Runs a command to its end and times it from spawn to exit, as a person at a terminal would. */
export async function measureProcess(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<MeasuredProcess> {
  const rssFile = join(
    tmpdir(),
    `mtlsc-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}.json`,
  );
  const [file, argv] = options.node
    ? [process.execPath, ['--import', peakRssPreload, ...(options.nodeArgs ?? []), command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env, MTLSC_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  });
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  let peakRssMb: number | undefined;
  let cpuMs: number | undefined;
  if (options.node) {
    const rss = JSON.parse(await readFile(rssFile, 'utf8').catch(() => '{}')) as {
      vmHwmKb?: number;
      maxRssKb?: number;
      cpuMs?: number;
    };
    const kb = rss.vmHwmKb ?? rss.maxRssKb;
    peakRssMb = kb === undefined ? undefined : kb / 1024;
    cpuMs = rss.cpuMs;
    await rm(rssFile, { force: true });
  }
  return {
    wallMs,
    code,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    ...(peakRssMb === undefined ? {} : { peakRssMb }),
    ...(cpuMs === undefined ? {} : { cpuMs }),
  };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
