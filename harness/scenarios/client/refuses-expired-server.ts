import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

const flaw = 'the server certificate (from ca1, for localhost and 127.0.0.1) expired 30 days ago';

export const refusesExpiredServer: ClientScenario = {
  id: 'refuses-expired-server',
  suite: 'client',
  title: 'Refuses a server whose certificate has expired',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: { identity: 'expired-server', admitAnyClient: true, flaw, refuses: 'certificate' },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
