import { Worker } from 'node:worker_threads';
import { HarnessError } from '../common/harness-error.ts';
import type { Observation } from './observation.ts';
import type { ProbeExecutor } from './probe-executor.ts';
import type { ProbeOptions } from './probe-options.ts';
import { probeTarget } from './probe-target.ts';
import type { FromProbeWorker, ToProbeWorker } from './probe-worker-messages.ts';
import { probeSecrets, redactObservation } from './redact-observation.ts';

/** More threads than this buys nothing on any machine a run is made on, and each costs ~10 MB. */
export const maxProbeWorkers = 64;

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
 * and keep the process alive only while they have a probe in flight. A probe that resumes or keeps TLS
 * sessions runs in this thread: a session is a live object of the thread that made it. An aborted
 * signal cancels a probe in its worker at once (its sockets are destroyed there): the observation is
 * `interrupted`, as in this thread.
 */
export class ProbeWorkerPool {
  readonly #size: number;
  readonly #slots: WorkerSlot[] = [];
  readonly #answeredByThread = new Map<number, number>();
  #nextId = 1;
  #closed = false;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > maxProbeWorkers) {
      throw new RangeError(`a probe worker pool has 1 to ${maxProbeWorkers} workers, got ${size}`);
    }
    this.#size = size;
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
    while (!this.#closed && this.#slots.length < this.#size) this.#startSlot();
  }

  /** Stops every worker. Probes sent afterwards run in this thread. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    for (const slot of slots) this.#failInFlight(slot, 'the run ended while the probe was in flight');
    await Promise.allSettled(slots.map((slot) => slot.worker.terminate()));
  }

  async #probe(options: ProbeOptions): Promise<Observation> {
    const { signal, resumeSession, onSession, ...plain } = options;
    if (this.#closed || signal?.aborted || resumeSession !== undefined || onSession !== undefined) {
      return probeTarget(options);
    }
    const slot = this.#pickSlot();
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
    // The worker redacted what it knew: the credentials of the probe's own headers. The run's secrets
    // (passphrases, tokens) are registered in this thread only, so they are taken out here.
    return redactObservation(observation, probeSecrets(options.headers));
  }

  // An idle worker first; else a new one while the pool is below its size; else the least busy.
  #pickSlot(): WorkerSlot {
    const idle = this.#slots.find((slot) => slot.inFlight.size === 0);
    if (idle) return idle;
    if (this.#slots.length < this.#size) return this.#startSlot();
    return this.#slots.reduce((least, slot) => (slot.inFlight.size < least.inFlight.size ? slot : least));
  }

  #startSlot(): WorkerSlot {
    const slot: WorkerSlot = { worker: startProbeWorker(), inFlight: new Map() };
    const { worker } = slot;
    worker.unref();
    worker.on('message', (message: FromProbeWorker) => this.#settle(slot, message));
    worker.on('error', (error) => this.#lose(slot, `a probe worker failed: ${error.message}`));
    worker.on('exit', (code) => this.#lose(slot, `a probe worker stopped (exit code ${code})`));
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
    if (message.type === 'observation') pending.resolve(message.observation);
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
