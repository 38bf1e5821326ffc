// The entry of a probe worker thread (ProbeWorkerPool): it carries out the probes the run's thread
// sends, each with probeTarget's steps, and answers with the observation, unredacted: this thread does
// not know the run's secrets, the sending thread redacts it. It keeps its own client contexts,
// server chains and CA names (the caches are per thread), so a worker pays for each once.
import { Buffer } from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { isHarnessError } from '../common/harness-error.ts';
import { observeUnredacted } from './probe-target.ts';
import type { FromProbeWorker, ToProbeWorker } from './probe-worker-messages.ts';

const port = parentPort;
if (port === null) throw new Error('probe-worker.ts runs as a worker thread of ProbeWorkerPool');

const inFlight = new Map<number, AbortController>();
const answer = (message: FromProbeWorker): void => port.postMessage(message);

port.on('message', (message: ToProbeWorker) => {
  if (message.type === 'cancel') {
    inFlight.get(message.id)?.abort();
    return;
  }
  const { id, options } = message;
  const controller = new AbortController();
  inFlight.set(id, controller);
  // A Buffer arrives as a plain Uint8Array: made a Buffer again, it is sent byte for byte.
  const body = options.body instanceof Uint8Array ? Buffer.from(options.body) : options.body;
  observeUnredacted({ ...options, ...(body !== undefined && { body }), signal: controller.signal })
    .then(
      (observation) => answer({ type: 'observation', id, observationJson: JSON.stringify(observation) }),
      (error: unknown) =>
        answer({
          type: 'failed',
          id,
          message: error instanceof Error ? error.message : String(error),
          harnessError: isHarnessError(error),
        }),
    )
    .finally(() => inFlight.delete(id));
});
