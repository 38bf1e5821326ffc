import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

// SHA-1 certificate signatures are forgeable (SHAttered, 2017; RFC 9155): OpenSSL 3 clients refuse
// them from security level 1 ("CA signature digest algorithm too weak").
const flaw = 'the server certificate (from ca1, for localhost and 127.0.0.1) is signed with SHA-1';

export const refusesSha1ServerCert: ClientScenario = {
  id: 'refuses-sha1-server-cert',
  suite: 'client',
  title: 'Refuses a server whose certificate is signed with SHA-1',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: { identity: 'sha1-server', admitAnyClient: true, flaw, refuses: 'certificate' },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
