import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/**
 * The credentials' user's certificate (else the trusted identity) with that user and a wrong password
 * (or token): a target that ignores credentials once a certificate is there lets it in, and a refusal
 * cannot come from the certificate's mapping. authScenariosFor fits `presents` to a target's `users`.
 */
export const authWrongCredentials: AuthScenario = {
  id: 'auth-wrong-credentials',
  suite: 'server',
  title: 'Certificate with wrong credentials',
  method: 'auth',
  presents: { kind: 'trusted-identity' },
  credentials: 'wrong',
  derivation: describeAuthCase('wrong-credentials'),
  expect: (target, fixtures) => authRule(target, fixtures, 'wrong-credentials', 'credentials-user'),
};
