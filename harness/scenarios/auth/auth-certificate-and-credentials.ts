import { authScenario } from './auth-scenario.ts';

/**
 * A certificate registered to the credentials' user, with those credentials: the trusted identity when
 * it is that user's, else that user's fixture (credentialsUserPresentation). `presents` names the
 * trusted identity; a target's choice fits it to its `users`.
 */
export const authCertificateAndCredentials = authScenario({
  id: 'auth-certificate-and-credentials',
  title: "Certificate and the same user's credentials",
  authCase: 'certificate-and-credentials',
  presents: { kind: 'trusted-identity' },
  credentials: 'declared',
});
