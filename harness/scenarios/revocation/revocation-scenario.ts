import type { Scenario } from '../scenario.ts';
import type { RevocationDeclaration } from './revocation-declaration.ts';

/**
 * A scenario of the revocation set: judged only when the target declares the check it needs, else
 * planned as skipped with the reason `notJudged` gives (never passed: a target that checks nothing must
 * not collect a pass for a revoked client it was never asked to refuse).
 */
export interface RevocationScenario extends Scenario {
  method: 'revocation';
  /** Why the declaration gives nothing to judge; undefined when the scenario runs. */
  notJudged(revocation: RevocationDeclaration | undefined): string | undefined;
  /**
   * The fault the harness's OCSP responder plays for the presented certificate while the probe runs
   * (harness/servers/ocsp-responder.ts). Default: none, true answers.
   */
  ocspFault?: 'down' | 'unknown' | 'unauthorized-signer' | 'stale' | 'try-later';
  /** The certificate whose CRL entry decides: the presented one (default) or its issuer (an intermediate). */
  revokedLevel?: 'leaf' | 'issuer';
}

/** The skip reason of a target that declares no `revocation:` at all. */
export const noRevocationDeclared =
  'the target declares no revocation check (add revocation: { crl: true } or ocsp: require | soft-fail)';
