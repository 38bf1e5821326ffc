import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';

/** Anonymous one-way TLS: refused in every mode (in exclusive mode at the handshake). */
export const authNeither: AuthScenario = {
  id: 'auth-neither',
  suite: 'server',
  title: 'Neither certificate nor credentials',
  method: 'auth',
  presents: { kind: 'nothing' },
  credentials: 'none',
  derivation: describeAuthCase('neither'),
  expect: (target, fixtures) => authRule(target, fixtures, 'neither', 'nothing'),
};
