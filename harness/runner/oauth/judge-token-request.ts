import type { Observation } from '../../probe/observation.ts';
import { decodeJwtClaims } from './decode-jwt.ts';
import { fail, pass, undecided, type Judgement } from '../judgement.ts';
import { describeAnswer, readTokenResponse } from './token-response.ts';
import { missingCertificateRefusal } from './missing-certificate-refusals.ts';
import { tlsLayerVerdict } from './tls-layer-verdict.ts';

/** The registered client must get 200 with an access token and its type (RFC 6749 §5.1). */
export function judgeTokenIssued(observation: Observation): Judgement {
  if (observation.outcome === 'error')
    return undecided(`expected an access token, but could not decide: ${observation.reason}`);
  if (observation.http === undefined) {
    return fail(
      `expected an access token, but the certificate was refused at the TLS layer: ${observation.reason}`,
    );
  }
  const response = readTokenResponse(observation);
  if (!response.issued) return fail(`expected 200 with an access token, got ${describeAnswer(observation)}`);
  if (response.tokenType === undefined)
    return fail('200 with an access_token but no token_type, which RFC 6749 §5.1 requires');
  const form = decodeJwtClaims(response.accessToken) === undefined ? 'opaque' : 'JWT';
  const expires = response.expiresIn === undefined ? '' : `, expires_in ${response.expiresIn}`;
  return pass(`200 with a ${response.tokenType} access token (${form}${expires})`);
}

/**
 * Anyone else must get no token: a refusal at the TLS layer (or by a TLS-terminating proxy's 400/495/496),
 * or `invalid_client` with 400 or 401 (RFC 8705 §2, RFC 6749 §5.2). `tlsAccepts` says why the target's
 * TLS layer is declared to accept the certificate (another client's): then only the token endpoint's
 * refusal counts, since a refusal before it leaves the binding of client_id to certificate untested.
 * `tlsPassage` is what the TLS layer was seen to do with the connection (tls-passage.ts), reported
 * with the token endpoint's refusal instead of a claim that the certificate "got through".
 */
export function judgeTokenRefused(
  observation: Observation,
  options: {
    who: string;
    rejectAt: 'handshake' | 'any';
    tlsAccepts?: string;
    tlsPassage?: string;
    /** No certificate was presented: the refusals of missing-certificate-refusals.ts are judged. */
    withoutCertificate?: boolean;
  },
): Judgement {
  if (observation.outcome === 'error')
    return undecided(`expected a refusal, but could not decide: ${observation.reason}`);
  const http = observation.http;
  if (http === undefined) {
    if (options.tlsAccepts !== undefined)
      return refusedBeforeEndpoint(observation, options.who, options.tlsAccepts);
    return pass(`refused at the TLS layer: ${observation.reason}`);
  }
  const response = readTokenResponse(observation);
  if (response.issued) {
    return fail(
      `a token was issued to ${options.who} (HTTP ${http.status}): the client_id is not bound to its certificate (RFC 8705 §2)`,
    );
  }
  if (options.rejectAt === 'handshake') {
    return fail(
      `expected a refusal at the TLS handshake (rejectAt: handshake), got ${describeAnswer(observation)}`,
    );
  }
  const refusal = options.withoutCertificate ? missingCertificateRefusal(response.error) : undefined;
  if (refusal !== undefined) {
    const answer = describeAnswer(observation);
    if (refusal.counts && refusal.statuses?.includes(http.status))
      return pass(`refused with ${answer}: it counts, ${refusal.why}`);
    if (refusal.counts) {
      return fail(
        `refused with ${answer}: ${refusal.error} counts with HTTP ${refusal.statuses?.join(' or ') ?? '?'} only (RFC 6749 §5.2), not ${http.status}`,
      );
    }
    return fail(`refused with ${answer}, which does not count: ${refusal.why}; expected invalid_client`);
  }
  if ((http.status === 400 || http.status === 401) && response.error === 'invalid_client') {
    if (options.tlsPassage !== undefined) {
      return pass(
        `${options.who} was refused by the token endpoint with ${describeAnswer(observation)}; TLS: ${options.tlsPassage}`,
      );
    }
    const through =
      options.tlsAccepts === undefined ? '' : `${options.who} got through the TLS layer and was `;
    return pass(`${through}refused with ${describeAnswer(observation)}`);
  }
  // The probe's nginx rules: "No required SSL certificate was sent", "The SSL certificate error", 495, 496.
  if (tlsLayerVerdict(observation) === 'refused') {
    if (options.tlsAccepts !== undefined)
      return refusedBeforeEndpoint(observation, options.who, options.tlsAccepts);
    return pass(`refused before the token endpoint, by the TLS-terminating proxy: ${observation.reason}`);
  }
  return fail(
    `refused with ${describeAnswer(observation)}, but a failed client authentication is 400/401 invalid_client (RFC 8705 §2, RFC 6749 §5.2)`,
  );
}

function refusedBeforeEndpoint(observation: Observation, who: string, tlsAccepts: string): Judgement {
  return fail(
    `${who} was refused before the token endpoint (${observation.reason}), although ${tlsAccepts}: the binding of client_id to certificate was not exercised; if the target does not accept that CA, correct its trusts`,
  );
}
