import { authScenario } from './auth-scenario.ts';

/**
 * The credentials' user's certificate (else the trusted identity) with that user and a wrong password
 * (or token): a target that ignores credentials once a certificate is there lets it in, and a refusal
 * cannot come from the certificate's mapping. A target's choice fits `presents` to its `users`.
 */
export const authWrongCredentials = authScenario({
  id: 'auth-wrong-credentials',
  title: 'Certificate with wrong credentials',
  authCase: 'wrong-credentials',
  presents: { kind: 'trusted-identity' },
  credentials: 'wrong',
});
