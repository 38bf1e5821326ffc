import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/** The trusted identity's certificate with the credentials of the user it is registered to. */
export const authCertificateAndCredentials: AuthScenario = {
  id: 'auth-certificate-and-credentials',
  suite: 'server',
  title: "Certificate and the same user's credentials",
  method: 'auth',
  presents: { kind: 'trusted-identity' },
  credentials: 'declared',
  derivation: describeAuthCase('certificate-and-credentials'),
  expect: (target, fixtures) => authRule(target, fixtures, 'certificate-and-credentials', 'trusted-identity'),
};
