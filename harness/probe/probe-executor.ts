import type { Observation } from './observation.ts';
import type { ProbeOptions } from './probe-options.ts';

/**
 * Carries out one probe: probeTarget itself, in this thread, or a ProbeWorkerPool's, which sends it to
 * a worker thread. Same contract either way: never throws for what the server does, and an aborted
 * `options.signal` ends it with an `interrupted` observation.
 */
export type ProbeExecutor = (options: ProbeOptions) => Promise<Observation>;
