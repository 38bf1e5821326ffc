import type { Verdict } from '../report/run-results.ts';

/** A scenario's verdict and the one line that explains it, as every suite's judge returns it. */
export interface Judgement {
  verdict: Extract<Verdict, 'pass' | 'fail' | 'skip'>;
  reason: string;
  /**
   * With `fail`: the harness could not decide what the target did (an `error` observation: unreachable,
   * timed out, not a TLS answer; or an answer that is not the resource's, such as a 404). The
   * expectation is not met, so it still fails the run, but the reports show it as `?`, never as a
   * nonconformance of the endpoint.
   */
  undecided?: true;
  /** With `fail`: what to check first, in one line (`ssl_verify_client optional?`). */
  likelyCause?: string;
}

/** A fail the harness could not decide, with the reason that says why. */
export function undecided(reason: string, likelyCause?: string): Judgement {
  return { verdict: 'fail', reason, undecided: true, ...(likelyCause ? { likelyCause } : {}) };
}

export const pass = (reason: string): Judgement => ({ verdict: 'pass', reason });
export const fail = (reason: string): Judgement => ({ verdict: 'fail', reason });
export const skip = (reason: string): Judgement => ({ verdict: 'skip', reason });
