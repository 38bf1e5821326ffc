import { removeTargetTempDirsSync } from '../targets/target-temp-dir.ts';
import { ExitCode } from './exit-codes.ts';

/**
 * How long a second signal leaves the run to finish writing its reports. A run cancelled by the first
 * signal ends within a few hundred ms; a CI runner that sent the second signal kills the process tree
 * soon after (GitHub Actions: SIGINT, SIGTERM 7500 ms later, then the kill 2500 ms after that).
 */
const secondSignalGraceMs = 1000;

/**
 * Runs `work` with a signal that SIGINT/SIGTERM abort: the run stops starting probes, cancels those in
 * flight, closes what it started and reports what finished. A second signal removes the targets'
 * temporary folders at once and exits within a second; a third exits at once.
 */
export async function withInterruptSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received += 1;
    if (received === 1) {
      process.stderr.write(
        `\nmtls-conformance: ${signal}: stopping the probes in flight, then writing the reports (${signal} again to exit sooner).\n`,
      );
      controller.abort();
      return;
    }
    // A second signal means "out now", and a SIGKILL may follow, after which no cleanup runs. So first,
    // synchronously, what must not outlive the run: the targets' temporary folders, which hold a copy of
    // the server's private key (nginx), are removed before anything else can be interrupted. The run,
    // already cancelled, keeps going only to write the reports of what finished, for at most
    // secondSignalGraceMs; then the process exits 130, and the exit hooks kill the target processes.
    // The reports' own staging folder holds public data only, and their rename keeps them whole.
    removeTargetTempDirsSync();
    if (received > 2) process.exit(ExitCode.interrupted);
    process.stderr.write(
      `mtls-conformance: ${signal} again: removed the targets' temporary folders; exiting within ${secondSignalGraceMs} ms, with the reports if they are written by then.\n`,
    );
    setTimeout(() => process.exit(ExitCode.interrupted), secondSignalGraceMs).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    // Once interrupted, the handler stays for the few ms the process takes to exit: a second signal
    // then must still end it with 130 (and the cleanup above), not kill it by the signal's default.
    if (received === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
