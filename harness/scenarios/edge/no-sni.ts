import type { EdgeScenario } from './edge-scenario.ts';
import { describeSharing, protectedNameOf, refusedAtTheEdge } from './edge-expectation.ts';

/**
 * No SNI at all, Host = the mTLS site: the server must fall back to TLS settings of its own choosing
 * and still refuse (RFC 6066 §3 lets a client omit SNI). With an mTLS site declared beside it, the
 * client also presents a certificate that site accepts and the target does not: nginx verifies a
 * client without SNI against its default server's CAs, then routes by Host.
 */
export const noSni: EdgeScenario = {
  id: 'no-sni',
  suite: 'server',
  title: 'No SNI, Host names the mTLS site',
  method: 'edge',
  check: 'no-sni',
  needs: { sharedName: false, resumption: false },
  presents: { kind: 'nothing' },
  derivation:
    'rejected without a certificate, and with the certificate of another declared mTLS site the target does not trust',
  expect: (target) =>
    refusedAtTheEdge(
      `a client that sends no SNI has had no certificate verified against ${protectedNameOf(target)}'s trust [${target.trusts.join(', ')}]; the target ${describeSharing(target)}`,
    ),
};
