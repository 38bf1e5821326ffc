import type { EdgeScenario } from '../../scenarios/edge/edge-scenario.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { TargetContext } from '../target-context.ts';
import { checkNoSni } from './edge/check-no-sni.ts';
import { checkResumedAfterTrustChange } from './edge/check-resumed-after-trust-change.ts';
import { checkResumedSessionOtherVhost } from './edge/check-resumed-session-other-vhost.ts';
import { checkResumptionKeepsVerification } from './edge/check-resumption-keeps-verification.ts';
import { checkSniHostMismatch } from './edge/check-sni-host-mismatch.ts';
import { skippedEdge, type EdgeOutcome } from './edge/edge-steps.ts';

/**
 * Carries out a scenario around the edge (harness/scenarios/edge/): probes that vary the SNI, the
 * Host and session resumption, each judged as a step; see docs/around-the-edge.md.
 */
export function executeEdgeScenario(scenario: Scenario, context: TargetContext): Promise<EdgeOutcome> {
  const edge = scenario as EdgeScenario;
  if (edge.needs.resumption && context.declaration.resumption === false) {
    return Promise.resolve(skippedEdge('the target is declared not to resume sessions (resumption: false)'));
  }
  switch (edge.check) {
    case 'sni-host-mismatch':
      return checkSniHostMismatch(context);
    case 'no-sni':
      return checkNoSni(context);
    case 'resumed-session-other-vhost':
      return checkResumedSessionOtherVhost(context);
    case 'resumption-keeps-verification':
      return checkResumptionKeepsVerification(context);
    case 'resumed-after-trust-change':
      return checkResumedAfterTrustChange(context);
  }
}
