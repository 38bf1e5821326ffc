import type { Judgement } from '../judgement.ts';

/** How one oauth scenario went: the verdict, the one line that explains it, and whether it was decided. */
export type OAuthJudgement = Judgement;

export const pass = (reason: string): OAuthJudgement => ({ verdict: 'pass', reason });
export const fail = (reason: string): OAuthJudgement => ({ verdict: 'fail', reason });
export const skip = (reason: string): OAuthJudgement => ({ verdict: 'skip', reason });
export { undecided } from '../judgement.ts';
