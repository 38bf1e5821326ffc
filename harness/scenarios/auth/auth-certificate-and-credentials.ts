import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/**
 * A certificate registered to the credentials' user, with those credentials: the trusted identity when
 * it is that user's, else that user's fixture (credentialsUserPresentation). `presents` names the
 * trusted identity; authScenariosFor fits it to a target's `users`.
 */
export const authCertificateAndCredentials: AuthScenario = {
  id: 'auth-certificate-and-credentials',
  suite: 'server',
  title: "Certificate and the same user's credentials",
  method: 'auth',
  presents: { kind: 'trusted-identity' },
  credentials: 'declared',
  derivation: describeAuthCase('certificate-and-credentials'),
  expect: (target, fixtures) => authRule(target, fixtures, 'certificate-and-credentials', 'credentials-user'),
};
