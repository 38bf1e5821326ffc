import { runSecrets } from '../common/run-secrets.ts';
import { ExitCode } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

// A crash must never read as a verdict: Node exits 1 on an uncaught exception, which a CI gate would
// take for "nonconformant". Whatever escapes is a defect of the harness: one line, exit 2.
const debug = process.argv.includes('--debug');
function crash(kind: string, error: unknown): never {
  const message = runSecrets.redact(error instanceof Error ? error.message : String(error));
  process.stderr.write(
    `mtls-conformance: internal error (${kind}): ${message} (run again with --debug for the stack trace)\n`,
  );
  if (debug && error instanceof Error && error.stack)
    process.stderr.write(`${runSecrets.redact(error.stack)}\n`);
  process.exit(ExitCode.unusable);
}
process.on('uncaughtException', (error) => crash('uncaught exception', error));
process.on('unhandledRejection', (reason) => crash('unhandled rejection', reason));

process.exitCode = await runCli(process.argv.slice(2));
