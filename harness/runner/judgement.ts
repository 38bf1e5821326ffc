import type { Verdict } from '../report/run-results.ts';

/** A scenario's verdict and the one line that explains it, as every suite's judge returns it. */
export interface Judgement {
  verdict: Extract<Verdict, 'pass' | 'fail' | 'skip'>;
  reason: string;
}

export const pass = (reason: string): Judgement => ({ verdict: 'pass', reason });
export const fail = (reason: string): Judgement => ({ verdict: 'fail', reason });
export const skip = (reason: string): Judgement => ({ verdict: 'skip', reason });
