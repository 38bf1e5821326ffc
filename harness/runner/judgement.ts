import type { Verdict } from '../report/run-results.ts';

/** A scenario's verdict and the one line that explains it, as every suite's judge returns it. */
export interface Judgement {
  verdict: Extract<Verdict, 'pass' | 'fail' | 'skip'>;
  reason: string;
}
