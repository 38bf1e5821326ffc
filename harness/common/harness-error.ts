/**
 * A failure the user can cause and fix (bad config, wrong password, unreadable file, no Docker engine).
 * The message is one line: what happened, the value seen, and what to do. The CLI prints it without a
 * stack trace (unless --debug) and exits 2. Keep `cause` when wrapping, so --debug can show the origin.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}
