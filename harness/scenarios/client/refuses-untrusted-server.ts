import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

const flaw = 'the server certificate is issued by rogue-ca, not by ca1';

export const refusesUntrustedServer: ClientScenario = {
  id: 'refuses-untrusted-server',
  suite: 'client',
  title: 'Refuses a server whose certificate is from an untrusted CA',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: { identity: 'rogue-server', admitAnyClient: true, flaw, refuses: 'certificate' },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
