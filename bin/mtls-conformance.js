#!/usr/bin/env node
// Entry point of the CLI. tsx compiles the TypeScript sources on load (esbuild, cached), so the
// installed package runs exactly the code that was type-checked: there is no build output to go stale.
import process from 'node:process';

try {
  // Imported here, not at the top: a missing tsx (an install that did not finish) must end like any
  // other load failure, in one line and exit 2, not in Node's stack trace and exit 1.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../harness/cli/main.ts');
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
