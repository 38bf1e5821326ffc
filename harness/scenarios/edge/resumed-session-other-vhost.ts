import type { EdgeScenario } from './edge-scenario.ts';
import { describeSharing, protectedNameOf, refusedAtTheEdge } from './edge-expectation.ts';

/**
 * A session made on another site of the same address (TLS 1.3 ticket; TLS 1.2 ticket and session id),
 * offered to the mTLS site: nginx CVE-2025-23419, Apache CVE-2025-23048. The server must refuse it, or
 * make a full handshake and refuse a client that presents nothing.
 */
export const resumedSessionOtherVhost: EdgeScenario = {
  id: 'resumed-session-other-vhost',
  suite: 'server',
  title: 'A session from another site resumed on the mTLS site',
  method: 'edge',
  check: 'resumed-session-other-vhost',
  needs: { sharedName: true, resumption: true },
  presents: { kind: 'nothing' },
  derivation:
    'rejected (or not resumed and refused) for a session from every sharedWith name, per TLS version; skipped when no session is offered',
  expect: (target) =>
    refusedAtTheEdge(
      `the target ${describeSharing(target)}; a session made there never had a certificate verified against ${protectedNameOf(target)}'s trust [${target.trusts.join(', ')}]`,
    ),
};
