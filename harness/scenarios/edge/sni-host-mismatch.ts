import type { EdgeScenario } from './edge-scenario.ts';
import { describeSharing, protectedNameOf, refusedAtTheEdge } from './edge-expectation.ts';

/**
 * In through the side door: a handshake for another site on the same address (its SNI, no certificate
 * unless that site asks for one), then a request whose Host names the mTLS site, as it is, with a
 * trailing dot, in other letter case and with an explicit port (the Traefik advisories; ingress-nginx
 * #7698). A gateway that picks TLS settings by SNI but the site by Host lets it through.
 */
export const sniHostMismatch: EdgeScenario = {
  id: 'sni-host-mismatch',
  suite: 'server',
  title: 'SNI names another site, Host names the mTLS site',
  method: 'edge',
  check: 'sni-host-mismatch',
  needs: { sharedName: true, resumption: false },
  presents: { kind: 'nothing' },
  derivation:
    'rejected (421, another 4xx, or a TLS refusal) for every sharedWith name and Host variant; skipped without sharedWith',
  expect: (target) =>
    refusedAtTheEdge(
      `the target ${describeSharing(target)}; a request for ${protectedNameOf(target)} on a connection set up for another site has had no certificate verified for it, so it must never be answered`,
    ),
};
