import type { Scenario } from '../scenario.ts';
import type { RevocationDeclaration } from './revocation-declaration.ts';

/**
 * A scenario of the revocation set: judged only when the target declares the check it needs, else
 * planned as skipped with the reason `notJudged` gives (never passed: a target that checks nothing must
 * not collect a pass for a revoked client it was never asked to refuse).
 */
export interface RevocationScenario extends Scenario {
  /** Why the declaration gives nothing to judge; undefined when the scenario runs. */
  notJudged(revocation: RevocationDeclaration | undefined): string | undefined;
}

/** The skip reason of a target that declares no `revocation:` at all. */
export const noRevocationDeclared =
  'the target declares no revocation check (add revocation: { crl: true } or ocsp: require | soft-fail)';
