import type { ExpectationRule, TargetDeclaration } from '../scenario.ts';
import type { RevocationDeclaration } from './revocation-declaration.ts';

/** The client the OCSP fault scenarios present: valid, from ca1, never revoked. */
export const OCSP_CLIENT = 'ocsp-client';

/** The skip reason of an OCSP fault scenario when the declaration does not ask for what it judges. */
export function ocspNotJudged(
  revocation: RevocationDeclaration | undefined,
  judges: readonly ('require' | 'soft-fail')[],
): string | undefined {
  const ocsp = revocation?.ocsp ?? 'off';
  if (ocsp === 'off') {
    return 'the target declares no OCSP checking (add revocation: { ocsp: require } or soft-fail)';
  }
  if (!judges.includes(ocsp)) {
    return `under ocsp: ${ocsp} either outcome is allowed (soft-fail lets in what it cannot check); declare ocsp: require to judge it`;
  }
  return undefined;
}

/**
 * `require` fails closed: a certificate whose status the target cannot learn is refused (RFC 6960 §2.2
 * gives `unknown` no meaning of valid; a response it cannot trust is no response, §3.2). `soft-fail`
 * lets it in.
 */
export function ocspFailureRule(target: TargetDeclaration, what: string): ExpectationRule {
  const ocsp = target.revocation?.ocsp ?? 'off';
  return ocsp === 'soft-fail'
    ? {
        expected: 'accepted',
        because: `target declares ocsp: soft-fail; ${what}, so it lets ${OCSP_CLIENT} in`,
      }
    : {
        expected: 'rejected',
        because: `target declares ocsp: require; ${what}, so ${OCSP_CLIENT} has no status: fail closed`,
      };
}
