import { authScenario } from './auth-scenario.ts';

/** The declared user's credentials over one-way TLS: what tells the three modes apart. */
export const authCredentialsOnly = authScenario({
  id: 'auth-credentials-only',
  title: 'Credentials only, no certificate (one-way TLS)',
  authCase: 'credentials-only',
  presents: { kind: 'nothing' },
  credentials: 'declared',
});
