/** How one oauth scenario went: the verdict and the one line that explains it. */
export interface OAuthJudgement {
  verdict: 'pass' | 'fail' | 'skip';
  reason: string;
}

export const pass = (reason: string): OAuthJudgement => ({ verdict: 'pass', reason });
export const fail = (reason: string): OAuthJudgement => ({ verdict: 'fail', reason });
export const skip = (reason: string): OAuthJudgement => ({ verdict: 'skip', reason });
