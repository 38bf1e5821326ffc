import type { EdgeScenario } from './edge-scenario.ts';
import { refusedAtTheEdge } from './edge-expectation.ts';

/**
 * The regression gate's view of resumption: sessions recorded by the run `--baseline` points at are
 * offered again. A client the target refuses now, on a full handshake, must not get in on a session
 * from before the trust-store change (Envoy CVE-2022-21654).
 */
export const resumedAfterTrustChange: EdgeScenario = {
  id: 'resumed-after-trust-change',
  suite: 'server',
  title: 'A session from before a trust-store change',
  method: 'edge',
  check: 'resumed-after-trust-change',
  needs: { sharedName: false, resumption: true },
  presents: { kind: 'nothing' },
  derivation:
    'with --baseline: a recorded session of a client now refused on a full handshake is rejected when resumed; skipped without --baseline or a recorded session',
  expect: () =>
    refusedAtTheEdge(
      'a session made before a trust-store change must not let in a client that a full handshake now refuses',
    ),
};
