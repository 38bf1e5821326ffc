#!/usr/bin/env node
// Entry point of the CLI. tsx compiles the TypeScript sources on load (esbuild, cached), so the
// installed package runs exactly the code that was type-checked: there is no build output to go stale.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
try {
  await import('../harness/cli/main.ts');
} catch (error) {
  // The harness could not even load (a broken install, a source that does not compile): exit 2, "could
  // not run", never Node's 1, which a CI gate would read as a nonconformance found.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(
    `mtls-conformance: internal error: cannot load the harness: ${message} (run again with --debug for the stack trace)\n`,
  );
  if (process.argv.includes('--debug'))
    process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 2;
}
