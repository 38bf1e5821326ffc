import { ExitCode } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

// An exception that no command caught (one thrown in an event handler) is a defect of the harness: one
// line and exit 2, "could not run", never Node's default 1, which a CI gate reads as a nonconformance.
process.on('uncaughtException', (error) => {
  process.stderr.write(
    `mtls-conformance: internal error: ${error.message.split('\n')[0] ?? ''} (run again with --debug for the stack trace)\n`,
  );
  if (process.argv.includes('--debug')) process.stderr.write(`${error.stack ?? String(error)}\n`);
  process.exit(ExitCode.unusable);
});

process.exitCode = await runCli(process.argv.slice(2));
