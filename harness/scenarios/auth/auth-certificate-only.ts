import { authScenario } from './auth-scenario.ts';

/** The trusted identity's certificate alone: in every mode it authenticates as the user it is registered to. */
export const authCertificateOnly = authScenario({
  id: 'auth-certificate-only',
  title: 'Certificate only, no credentials',
  authCase: 'certificate-only',
  presents: { kind: 'trusted-identity' },
  credentials: 'none',
});
