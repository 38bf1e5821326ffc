/** Exit codes a CI gate can rely on (docs/ci-and-scale.md, "Exit codes"). Only the CLI sets process.exitCode. */
export const ExitCode = {
  /** All expectations met. */
  ok: 0,
  /** At least one expectation not met, including an unreachable target. */
  nonconformant: 1,
  /** The harness could not run: usage, config, or input the user can fix. */
  unusable: 2,
  /** Interrupted by SIGINT/SIGTERM; what finished was reported. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
