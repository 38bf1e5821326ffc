import type { ClientScenario } from './client-scenario.ts';
import { validServer } from './valid-server.ts';

/**
 * The baseline: a valid server that requests a certificate; the client must present the one it is meant
 * to. Its run is also the control of the refuses-* scenarios (valid-server.ts).
 */
export const presentsCertificate: ClientScenario = {
  id: 'presents-certificate',
  suite: 'client',
  title: 'Presents a client certificate chaining to the declared CA',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: validServer,
  derivation: 'accepted: the client presents a certificate chaining to a CA in trusts and sends its request',
  expect: (target) => ({
    expected: 'accepted',
    because: `the client is declared to present ${target.trustedIdentity ?? 'a certificate'} chaining to [${target.trusts.join(', ')}]; the mock server presents a valid certificate from ca1, requests a client certificate and trusts only those CAs`,
  }),
};
