import { cpus } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** One look at the load: how busy this thread's event loop was, and how many cores stood idle. */
export interface LoadSample {
  /** Share of the interval the event loop was running, 0 to 1 (performance.eventLoopUtilization). */
  threadUtilization: number;
  /** Cores of the machine that were idle over the interval, summed (2 idle halves make 1). */
  idleCores: number;
}

/** Takes a LoadSample covering the time since the previous call. */
export type LoadSampler = () => LoadSample;

/** The event loop busier than this counts as the thread being the limit. */
const busyUtilization = 0.8;
/** Another thread is worth starting when at least this much of a core stands idle. */
const idleCoresWanted = 0.5;
/** Consecutive busy samples before deciding: one busy moment (a module load, a report) is not a run. */
const samplesWanted = 2;

/**
 * Watches for the moment probing in this thread is what holds a run back: its event loop busy and a
 * core of the machine idle. Then, and only then, worker threads can make the run faster. Where the
 * endpoints run on the same machine (mock targets, a local nginx or container), they take the other
 * cores and workers only add their own cost (measured: +20% CPU and 1.1–1.2× the wall time on 2 cores);
 * where the endpoints are elsewhere, the harness's own TLS work is the limit and workers take it to
 * every core.
 */
export class SpareCoreWatch {
  #busySamples = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onSpareCore: () => void,
    private readonly sampler: LoadSampler = createLoadSampler(),
    private readonly intervalMs = 250,
  ) {}

  /** Starts sampling, if not started yet; stops by itself once it has called onSpareCore. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.sampler();
    this.#timer = setInterval(() => this.#look(), this.intervalMs);
    // A watch never keeps a process alive.
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#busySamples = 0;
  }

  #look(): void {
    const sample = this.sampler();
    const busy = sample.threadUtilization >= busyUtilization && sample.idleCores >= idleCoresWanted;
    this.#busySamples = busy ? this.#busySamples + 1 : 0;
    if (this.#busySamples < samplesWanted) return;
    this.stop();
    this.onSpareCore();
  }
}

/** Samples this thread's event loop and the machine's idle time (os.cpus(): every core's counters). */
export function createLoadSampler(): LoadSampler {
  let loop: EventLoopUtilization = performance.eventLoopUtilization();
  let idleMs = totalIdleMs();
  let at = performance.now();
  return () => {
    const now = performance.now();
    const idleNow = totalIdleMs();
    const sample = {
      threadUtilization: performance.eventLoopUtilization(loop).utilization,
      idleCores: now > at ? (idleNow - idleMs) / (now - at) : 0,
    };
    loop = performance.eventLoopUtilization();
    idleMs = idleNow;
    at = now;
    return sample;
  };
}

function totalIdleMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
}
