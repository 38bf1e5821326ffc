import type { RevocationDeclaration } from './revocation-declaration.ts';
import type { RevocationScenario } from './revocation-scenario.ts';
import { revokedClientCert } from './revoked-client-cert.ts';
import { revokedIntermediate } from './revoked-intermediate.ts';
import { staleCrl } from './stale-crl.ts';
import { ocspResponderDown } from './ocsp-responder-down.ts';
import { ocspUnauthorizedResponder } from './ocsp-unauthorized-responder.ts';
import { ocspUnknown } from './ocsp-unknown.ts';

/**
 * The revocation set, in report order. It runs in the server suite of a target that declares
 * `revocation:`, after the catalogue; each scenario the declaration gives nothing to judge is planned as
 * skipped with its reason. Adding one: its file plus a line.
 */
export const revocationScenarios: readonly RevocationScenario[] = Object.freeze([
  revokedClientCert,
  revokedIntermediate,
  staleCrl,
  ocspResponderDown,
  ocspUnknown,
  ocspUnauthorizedResponder,
]);

/** The set fitted to a target: with `skipReason` where its declaration asks for no check; none without `revocation:`. */
export function revocationScenariosFor(target: { revocation?: unknown }): readonly RevocationScenario[] {
  if (target.revocation === undefined) return [];
  const revocation = isRevocationDeclaration(target.revocation) ? target.revocation : undefined;
  return revocationScenarios.map((scenario) => {
    const reason = scenario.notJudged(revocation);
    return reason === undefined ? scenario : { ...scenario, skipReason: reason };
  });
}

function isRevocationDeclaration(value: unknown): value is RevocationDeclaration {
  return typeof value === 'object' && value !== null && 'crl' in value && 'ocsp' in value;
}
