import type { EdgeScenario } from './edge-scenario.ts';
import { noSni } from './no-sni.ts';
import { resumedAfterTrustChange } from './resumed-after-trust-change.ts';
import { resumedSessionOtherVhost } from './resumed-session-other-vhost.ts';
import { resumptionKeepsVerification } from './resumption-keeps-verification.ts';
import { sniHostMismatch } from './sni-host-mismatch.ts';

/**
 * The scenarios around the edge, in report order. They run in the server suite of a target that
 * declares `sharedWith` or `resumption`, after the catalogue; other targets never see them. Adding one:
 * its file plus a line.
 */
export const edgeScenarios: readonly EdgeScenario[] = Object.freeze([
  sniHostMismatch,
  noSni,
  resumedSessionOtherVhost,
  resumptionKeepsVerification,
  resumedAfterTrustChange,
]);

/** The edge set for a target that declares `sharedWith` or `resumption` (in any form), else none. */
export function edgeScenariosFor(target: {
  sharedWith?: unknown;
  resumption?: unknown;
}): readonly EdgeScenario[] {
  return target.sharedWith !== undefined || target.resumption !== undefined ? edgeScenarios : [];
}
