import type { Observation } from './observation.ts';
import type { ProbeOptions } from './probe-options.ts';

/**
 * The options of a probe that can cross to a worker thread: plain data only. A signal becomes a
 * `cancel` message; sessions to resume or keep are live objects of the thread that made them, so
 * probes that use them run where they were made (ProbeWorkerPool).
 */
export type WorkerProbeOptions = Omit<ProbeOptions, 'signal' | 'resumeSession' | 'onSession'>;

/** What the run's thread sends a probe worker. */
export type ToProbeWorker =
  { type: 'probe'; id: number; options: WorkerProbeOptions } | { type: 'cancel'; id: number };

/** What a probe worker answers, once per probe. */
export type FromProbeWorker =
  | { type: 'observation'; id: number; observation: Observation }
  | { type: 'failed'; id: number; message: string; harnessError: boolean };
