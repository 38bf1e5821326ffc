import type { Scenario } from '../scenario.ts';

/** Which probes an edge scenario makes (harness/runner/server/edge/ carries each out). */
export type EdgeCheck =
  | 'sni-host-mismatch'
  | 'no-sni'
  | 'resumed-session-other-vhost'
  | 'resumption-keeps-verification'
  | 'resumed-after-trust-change';

/**
 * A scenario around the edge: what reaches the mTLS site by a path other than its own front door (an
 * SNI other than its Host, no SNI, a session resumed from elsewhere or from before). It runs in the
 * server suite of a target that declares `sharedWith` or `resumption`, and only there.
 */
export interface EdgeScenario extends Scenario {
  suite: 'server';
  method: 'edge';
  check: EdgeCheck;
  /** What the declaration must give for it to be judged; otherwise it is skipped, saying which. */
  needs: { sharedName: boolean; resumption: boolean };
}
