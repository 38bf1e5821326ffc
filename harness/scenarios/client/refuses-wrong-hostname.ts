import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

// RFC 6125 §6: the reference identity (here 127.0.0.1, the address the client dials) must match a
// subjectAltName; a valid chain for another name proves nothing about this server.
const flaw =
  'the server certificate is valid and from ca1, but names only other-host.example, not 127.0.0.1 or localhost';

export const refusesWrongHostname: ClientScenario = {
  id: 'refuses-wrong-hostname',
  suite: 'client',
  title: 'Refuses a server whose certificate is for another host name',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: { identity: 'other-host-server', admitAnyClient: true, flaw, refuses: 'certificate' },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
