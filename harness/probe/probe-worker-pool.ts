import { Worker } from 'node:worker_threads';
import { HarnessError } from '../common/harness-error.ts';
import type { Observation } from './observation.ts';
import type { ProbeExecutor } from './probe-executor.ts';
import type { ProbeOptions } from './probe-options.ts';
import { probeTarget } from './probe-target.ts';
import type { FromProbeWorker, ToProbeWorker } from './probe-worker-messages.ts';
import { probeSecrets, redactObservation } from './redact-observation.ts';
import { SpareCoreWatch, type LoadSampler } from './spare-core-watch.ts';

/** More threads than this buys nothing on any machine a run is made on, and each costs ~10 MB. */
export const maxProbeWorkers = 64;

export interface ProbeWorkerPoolOptions {
  /**
   * `on-demand` (default): probes go to workers from the first. `on-spare-core`: probes run in this
   * thread until its event loop is the limit and a core stands idle, then go to workers.
   */
  start?: 'on-demand' | 'on-spare-core';
  /** How `on-spare-core` looks at the load (tests); default this thread's event loop and os.cpus(). */
  sampler?: LoadSampler;
  /** How often `on-spare-core` looks, ms. Default 250. */
  sampleIntervalMs?: number;
  /** Called once, when `on-spare-core` moves the probes to the workers. */
  onSpareCore?: () => void;
}

interface PendingProbe {
  resolve: (observation: Observation) => void;
  reject: (error: Error) => void;
  stopListening: () => void;
}

interface WorkerSlot {
  worker: Worker;
  inFlight: Map<number, PendingProbe>;
}

/**
 * Carries probes out on worker threads, so the client side of the TLS handshakes (an RSA or ECDSA
 * signature per presented certificate, the key exchange, the server chain's checks) runs on every core
 * instead of the run's one thread, where Node does all of a socket's TLS work. The run's thread keeps
 * scheduling (`concurrency` still bounds the probes in flight), judging and reporting, so results come
 * out in catalogue order whatever thread finished first.
 *
 * Workers start when probes need them, one more each time all those running are busy, up to `size`,
 * and keep the process alive only while they have a probe in flight. With `start: 'on-spare-core'`,
 * probes run in this thread until it is the limit with a core standing idle (SpareCoreWatch), and
 * only then go to workers. A probe that resumes or keeps TLS
 * sessions runs in this thread: a session is a live object of the thread that made it. An aborted
 * signal cancels a probe in its worker at once (its sockets are destroyed there): the observation is
 * `interrupted`, as in this thread.
 */
export class ProbeWorkerPool implements AsyncDisposable {
  readonly #size: number;
  readonly #slots: WorkerSlot[] = [];
  readonly #answeredByThread = new Map<number, number>();
  #nextId = 1;
  #closed = false;
  /** Whether probes go to workers; false until a spare core is seen, with `start: 'on-spare-core'`. */
  #offloading: boolean;
  readonly #watch: SpareCoreWatch | undefined;

  constructor(size: number, options: ProbeWorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1 || size > maxProbeWorkers) {
      throw new RangeError(`a probe worker pool has 1 to ${maxProbeWorkers} workers, got ${size}`);
    }
    this.#size = size;
    this.#offloading = options.start !== 'on-spare-core';
    this.#watch = this.#offloading
      ? undefined
      : new SpareCoreWatch(
          () => {
            this.#offloading = true;
            this.prestart();
            options.onSpareCore?.();
          },
          options.sampler,
          options.sampleIntervalMs,
        );
  }

  get size(): number {
    return this.#size;
  }

  /** Whether new probes go to worker threads (always, unless `on-spare-core` has not seen one yet). */
  get offloading(): boolean {
    return this.#offloading;
  }

  /** The pool as a ProbeExecutor: pass `pool.probe` where a probe function is expected. */
  readonly probe: ProbeExecutor = (options) => this.#probe(options);

  /** How many probes each worker thread (by threadId) has answered: evidence the work was spread. */
  get answeredByThread(): ReadonlyMap<number, number> {
    return this.#answeredByThread;
  }

  /**
   * Starts every worker now, so their start (a thread, its modules) overlaps the caller's own set-up
   * instead of delaying the first probes.
   */
  prestart(): void {
    if (!this.#offloading) return;
    while (!this.#closed && this.#slots.length < this.#size) this.#startSlot();
  }

  /** Stops every worker. Probes sent afterwards run in this thread. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#watch?.stop();
    const slots = this.#slots.splice(0);
    for (const slot of slots) this.#failInFlight(slot, 'the run ended while the probe was in flight');
    await Promise.allSettled(slots.map((slot) => slot.worker.terminate()));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #probe(options: ProbeOptions): Promise<Observation> {
    const { signal, resumeSession, onSession, ...plain } = options;
    if (!this.#offloading && !this.#closed) this.#watch?.start();
    if (
      !this.#offloading ||
      this.#closed ||
      signal?.aborted ||
      resumeSession !== undefined ||
      onSession !== undefined
    ) {
      return probeTarget(options);
    }
    const slot = this.#pickSlot(endpointOf(options));
    const id = this.#nextId++;
    const observation = await new Promise<Observation>((resolve, reject) => {
      const cancel = () => this.#send(slot, { type: 'cancel', id });
      signal?.addEventListener('abort', cancel, { once: true });
      slot.inFlight.set(id, {
        resolve,
        reject,
        stopListening: () => signal?.removeEventListener('abort', cancel),
      });
      if (slot.inFlight.size === 1) slot.worker.ref();
      this.#send(slot, { type: 'probe', id, options: plain });
    });
    // Redacted here, as probeTarget does: the run's secrets (passphrases, tokens) are registered in
    // this thread only.
    return redactObservation(observation, probeSecrets(options.headers));
  }

  /**
   * The worker of the probe's endpoint, unless it is busier than another by more than one probe: an
   * endpoint's CA names and server chain are read once per worker that probes it (its caches are the
   * thread's), so keeping an endpoint on one worker saves those handshakes and reads, while the margin
   * keeps one endpoint's probes spread over every worker. Before all workers run: an idle one, else a
   * new one.
   */
  #pickSlot(endpoint: string): WorkerSlot {
    if (this.#slots.length < this.#size) {
      return this.#slots.find((slot) => slot.inFlight.size === 0) ?? this.#startSlot();
    }
    const least = this.#slots.reduce((best, slot) => (slot.inFlight.size < best.inFlight.size ? slot : best));
    const own = this.#slots[stringHash(endpoint) % this.#slots.length]!;
    return own.inFlight.size <= least.inFlight.size + 1 ? own : least;
  }

  #startSlot(): WorkerSlot {
    const slot: WorkerSlot = { worker: startProbeWorker(), inFlight: new Map() };
    const { worker } = slot;
    worker.on('message', (message: FromProbeWorker) => this.#settle(slot, message));
    worker.on('error', (error) => this.#lose(slot, `a probe worker failed: ${error.message}`));
    worker.on('exit', (code) => this.#lose(slot, `a probe worker stopped (exit code ${code})`));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  #send(slot: WorkerSlot, message: ToProbeWorker): void {
    slot.worker.postMessage(message);
  }

  #settle(slot: WorkerSlot, message: FromProbeWorker): void {
    const pending = slot.inFlight.get(message.id);
    if (pending === undefined) return;
    slot.inFlight.delete(message.id);
    pending.stopListening();
    if (slot.inFlight.size === 0) slot.worker.unref();
    const thread = slot.worker.threadId;
    this.#answeredByThread.set(thread, (this.#answeredByThread.get(thread) ?? 0) + 1);
    if (message.type === 'observation') pending.resolve(JSON.parse(message.observationJson) as Observation);
    else
      pending.reject(message.harnessError ? new HarnessError(message.message) : new Error(message.message));
  }

  // A worker that died takes its probes with it: they fail (the scenario reports the error), and the
  // next probe starts a new worker in its place.
  #lose(slot: WorkerSlot, why: string): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    this.#failInFlight(slot, why);
  }

  #failInFlight(slot: WorkerSlot, why: string): void {
    for (const pending of slot.inFlight.values()) {
      pending.stopListening();
      pending.reject(new Error(why));
    }
    slot.inFlight.clear();
  }
}

/** Where a probe goes, as the caches of a worker key it: host, port and SNI name. */
function endpointOf(options: ProbeOptions): string {
  // A URL that does not parse is the probe's to refuse, in the worker, with its own message.
  const host = URL.canParse(options.url) ? new URL(options.url).host : options.url;
  return `${host}|${options.servername ?? ''}`;
}

// FNV-1a: a spread of endpoints over the workers that is the same at every run.
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

const workerEntry = new URL(
  import.meta.url.endsWith('.ts') ? './probe-worker.ts' : './probe-worker.js',
  import.meta.url,
);

function startProbeWorker(): Worker {
  if (!workerEntry.pathname.endsWith('.ts')) return new Worker(workerEntry);
  // Run from the sources (the tests, a read-only install): Node 20 starts no worker from a .ts file and
  // a worker does not inherit the loader registered in this thread, so one line of JavaScript registers
  // tsx in the worker, then imports the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
