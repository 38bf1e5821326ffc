import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

// RSA-1024 is below every current policy (NIST SP 800-131A); OpenSSL 3 clients refuse it from
// security level 2 ("ee key too small"), unless @SECLEVEL=0/1 or an old library lets it through.
const flaw = 'the server certificate (from ca1, for localhost and 127.0.0.1) has an RSA-1024 key';

export const refusesWeakServerKey: ClientScenario = {
  id: 'refuses-weak-server-key',
  suite: 'client',
  title: 'Refuses a server whose certificate has an RSA-1024 key',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: { identity: 'weak-key-server', admitAnyClient: true, flaw, refuses: 'certificate' },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
