import type { Observation } from '../../probe/observation.ts';
import { boundThumbprint, isRecord } from './decode-jwt.ts';
import { fail, pass, undecided, type Judgement } from '../judgement.ts';
import { describeAnswer, readJsonBody } from './token-response.ts';

/** Compares the token's `cnf` claim with the thumbprint of the certificate it was requested with (RFC 8705 §3.1). */
export function judgeBoundClaims(
  claims: Record<string, unknown>,
  expected: string,
  source: string,
): Judgement {
  if (claims.cnf === undefined) {
    return fail(
      `the ${source} has no cnf claim: the token is not bound to the certificate (RFC 8705 §3.1); expected x5t#S256 ${expected}`,
    );
  }
  const thumbprint = boundThumbprint(claims);
  if (thumbprint === undefined) {
    return fail(
      `the ${source}'s cnf has no x5t#S256 (cnf: ${JSON.stringify(claims.cnf)}); expected ${expected} (RFC 8705 §3.1)`,
    );
  }
  if (thumbprint !== expected) {
    return fail(
      `the ${source}'s cnf x5t#S256 is ${thumbprint}, but the certificate's is ${expected}: bound to another certificate (RFC 8705 §3.1)`,
    );
  }
  return pass(`the ${source}'s cnf x5t#S256 is ${thumbprint}, the SHA-256 of the client's DER certificate`);
}

/** An opaque token's binding, from the introspection answer (RFC 7662 §2.2, RFC 8705 §3.2). */
export function judgeIntrospection(observation: Observation, expected: string): Judgement {
  if (observation.outcome === 'error')
    return undecided(`could not introspect the token: ${observation.reason}`);
  const json = readJsonBody(observation);
  if (observation.http?.status !== 200 || !isRecord(json)) {
    return fail(
      `the introspection endpoint answered ${describeAnswer(observation)}, not 200 with a JSON object (RFC 7662 §2.2)`,
    );
  }
  if (json.active !== true) return fail('the introspection endpoint says the fresh token is not active');
  return judgeBoundClaims(json, expected, 'introspection answer');
}
