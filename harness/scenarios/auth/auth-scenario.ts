import type { Scenario } from '../scenario.ts';

/**
 * What an auth scenario sends besides its certificate: nothing, the declared user's credentials, or
 * those credentials with a wrong secret (password or token).
 */
export type CredentialsSent = 'none' | 'declared' | 'wrong';

/**
 * A scenario of the authentication modes: a probe that presents `presents` and sends `credentials`.
 * The set runs in the server suite of targets that declare `auth:`, and only there.
 */
export interface AuthScenario extends Scenario {
  suite: 'server';
  method: 'auth';
  credentials: CredentialsSent;
}
