/**
 * Runs `work` with a signal that SIGINT/SIGTERM abort: the run stops starting probes, closes what it
 * started and reports what finished. A second signal exits at once, as a person pressing Ctrl-C twice
 * expects.
 */
export async function withInterruptSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      `\nmtls-conformance: ${signal}: finishing the probes in flight, then writing the reports.\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
