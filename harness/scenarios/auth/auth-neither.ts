import { authScenario } from './auth-scenario.ts';

/** Anonymous one-way TLS: refused in every mode (in exclusive mode at the handshake). */
export const authNeither = authScenario({
  id: 'auth-neither',
  title: 'Neither certificate nor credentials',
  authCase: 'neither',
  presents: { kind: 'nothing' },
  credentials: 'none',
});
