import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/** The declared user's credentials over one-way TLS: what tells the three modes apart. */
export const authCredentialsOnly: AuthScenario = {
  id: 'auth-credentials-only',
  suite: 'server',
  title: 'Credentials only, no certificate (one-way TLS)',
  method: 'auth',
  presents: { kind: 'nothing' },
  credentials: 'declared',
  derivation: describeAuthCase('credentials-only'),
  expect: (target, fixtures) => authRule(target, fixtures, 'credentials-only', 'nothing'),
};
