import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/** The trusted identity's certificate alone: in every mode it authenticates as the user it is registered to. */
export const authCertificateOnly: AuthScenario = {
  id: 'auth-certificate-only',
  suite: 'server',
  title: 'Certificate only, no credentials',
  method: 'auth',
  presents: { kind: 'trusted-identity' },
  credentials: 'none',
  derivation: describeAuthCase('certificate-only'),
  expect: (target, fixtures) => authRule(target, fixtures, 'certificate-only', 'trusted-identity'),
};
