import type { Scenario } from '../scenario.ts';
import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthCase } from './auth-presentation.ts';

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
  /** The column of the mode table it plays: its expectation, and what it presents on a target. */
  authCase: AuthCase;
  credentials: CredentialsSent;
}

/**
 * An auth scenario from its data. `presents` is what it presents before it is fitted to a target (what
 * `mtls-conformance scenarios` lists); on a target it presents what the target's choice gives its case
 * (authScenariosFor), and the expectation follows from the mode table (authRule).
 */
export function authScenario(
  data: Pick<AuthScenario, 'id' | 'title' | 'authCase' | 'presents' | 'credentials'>,
): AuthScenario {
  return {
    ...data,
    suite: 'server',
    method: 'auth',
    derivation: describeAuthCase(data.authCase),
    expect: (target, fixtures) => authRule(target, fixtures, data.authCase),
  };
}
