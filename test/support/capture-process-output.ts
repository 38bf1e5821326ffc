/**
 * Runs `action` while keeping what is written to process.stdout and process.stderr, for commands
 * that print there (the CLI commands get no streams of their own from runCli).
 */
export async function captureProcessOutput<T>(
  action: () => Promise<T>,
): Promise<{ result: T; stdout: string; stderr: string }> {
  const captured = { stdout: '', stderr: '' };
  const originals = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  };
  const capture =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array): boolean => {
      captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    };
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    const result = await action();
    return { result, ...captured };
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
}
