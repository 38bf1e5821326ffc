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

/**
 * What a probe worker answers, once per probe. The observation travels as JSON text: it is plain data
 * (strings, numbers, booleans, arrays), and one string crosses threads several times faster than the
 * structured clone of its object graph (~0.2 ms a probe on the 2-core machine, in both threads).
 */
export type FromProbeWorker =
  | { type: 'observation'; id: number; observationJson: string }
  | { type: 'failed'; id: number; message: string; harnessError: boolean };
