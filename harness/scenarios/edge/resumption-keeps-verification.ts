import type { EdgeScenario } from './edge-scenario.ts';
import { refusedAtTheEdge } from './edge-expectation.ts';

/**
 * A resumed session carries the verification of the handshake that made it, and nothing more: the
 * session of the trusted client may resume (the server still knows that client), while a session made
 * without a certificate, or with one the target refused, must not let anyone in when resumed with no
 * certificate.
 */
export const resumptionKeepsVerification: EdgeScenario = {
  id: 'resumption-keeps-verification',
  suite: 'server',
  title: 'A resumed session is only as verified as its handshake',
  method: 'edge',
  check: 'resumption-keeps-verification',
  needs: { sharedName: false, resumption: true },
  presents: { kind: 'nothing' },
  derivation:
    "sessions made with no certificate and with a refused one (rogue) are rejected when resumed; tpp1's may resume; skipped when no session is offered",
  expect: (target) =>
    refusedAtTheEdge(
      `a resumed session lets in only the client verified in its own handshake against [${target.trusts.join(', ')}]; one made without a certificate, or with a refused one, must stay refused`,
    ),
};
