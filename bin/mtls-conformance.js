#!/usr/bin/env node
// Entry point of the CLI. It runs the harness compiled to JavaScript, compiled on first run into
// .cache/ under a key of the sources' state (bin/compiled-harness.js), so it starts without a loader
// compiling each module and can never run code older than the sources. Where the cache cannot be
// written (a read-only install), or with MTLSC_RUN_SOURCES=1, tsx runs the .ts sources themselves.
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

// First of all, before anything heavy is loaded: SIGINT and SIGTERM end the process with 130, the
// documented "interrupted", and a line saying so. Loading the harness takes a second or more; without a
// handler a signal then killed the process silently (143 for SIGTERM), which a CI gate reads as a crash.
// Once a command installs its own handler (run's graceful stop, serve's shutdown), this one steps aside.
/** @param {NodeJS.Signals} signal */
const interruptedWhileStarting = (signal) => {
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(`mtls-conformance: interrupted by ${signal} (exit 130).\n`);
  process.exit(130);
};
process.on('SIGINT', interruptedWhileStarting);
process.on('SIGTERM', interruptedWhileStarting);

try {
  // Imported here, not at the top: a missing tsx or esbuild (an install that did not finish) must end
  // like any other load failure, in one line and exit 2, not in Node's stack trace and exit 1.
  const { compiledCliEntry } = await import('./compiled-harness.js');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const compiled = process.env.MTLSC_RUN_SOURCES === '1' ? undefined : await compiledCliEntry(root);
  if (compiled === undefined) {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../harness/cli/main.ts');
  } else {
    // With --debug, stacks name the .ts sources (the .js.map next to each compiled file).
    if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
    await import(compiled);
  }
} catch (error) {
  // The harness could not even load (a broken install, a source that does not compile): exit 2, "could
  // not run", never Node's 1, which a CI gate would read as a nonconformance found.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint = /Cannot find (package|module)/.test(message)
    ? 'run npm ci in the package folder'
    : 'run again with --debug for the stack trace';
  process.stderr.write(`mtls-conformance: internal error: cannot load the harness: ${message} (${hint})\n`);
  if (process.argv.includes('--debug'))
    process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 2;
}
