import type { Observation } from '../../probe/observation.ts';
import { isRecord } from './decode-jwt.ts';
import { fail, pass, skip, undecided, type Judgement } from '../judgement.ts';
import { describeAnswer, readJsonBody } from './token-response.ts';

/** The bound token over its own certificate's connection must be served (2xx). */
export function judgeResourceServed(observation: Observation): Judgement {
  if (observation.outcome === 'error')
    return undecided(`expected the resource, but could not decide: ${observation.reason}`);
  const http = observation.http;
  if (http === undefined)
    return fail(
      `expected the resource, but the certificate was refused at the TLS layer: ${observation.reason}`,
    );
  if (http.status >= 200 && http.status < 300) return pass(`served: HTTP ${http.status}`);
  const challenge = http.headers['www-authenticate'];
  return fail(
    `expected the resource (2xx) for the token over the certificate it is bound to, got ${describeAnswer(observation)}${challenge ? ` with WWW-Authenticate: ${challenge}` : ''}`,
  );
}

/**
 * The token over another certificate's connection must be refused: "rejected with an error, per
 * RFC 6750, using an HTTP 401 status code and the invalid_token error code" (RFC 8705 §3). A refusal at
 * the TLS layer leaves the binding untested: it fails where `tlsAccepts` says the target's TLS layer is
 * declared to accept the certificate, and is skipped otherwise; it never passes. `tlsPassage` is what
 * the TLS layer was seen to do with the connection (tls-passage.ts), reported with the refusal.
 */
export function judgeResourceRefused(
  observation: Observation,
  options: { who: string; tlsAccepts?: string; tlsPassage?: string },
): Judgement {
  const { who, tlsAccepts, tlsPassage } = options;
  if (observation.outcome === 'error')
    return undecided(`expected a refusal, but could not decide: ${observation.reason}`);
  const http = observation.http;
  if (http === undefined) {
    const untested = `${who} was refused at the TLS layer before the token was looked at (${observation.reason}): the binding of the token to its certificate was not exercised`;
    return tlsAccepts === undefined
      ? skip(untested)
      : fail(
          `${untested}, although ${tlsAccepts}; correct trusts, or give a resourceUrl whose TLS layer accepts the token endpoint's CAs`,
        );
  }
  if (http.status >= 200 && http.status < 300) {
    return fail(
      `the resource served the token over ${who}'s connection (HTTP ${http.status}): the token is not bound to its certificate, or the resource does not check the binding (RFC 8705 §3)`,
    );
  }
  const challenge = http.headers['www-authenticate'] ?? '';
  const invalidToken = isInvalidTokenRefusal(observation, challenge);
  if (http.status === 401 && invalidToken && tlsPassage !== undefined) {
    return pass(
      `${who} was refused by the resource with HTTP 401 invalid_token${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}; TLS: ${tlsPassage}`,
    );
  }
  if (http.status === 401 && invalidToken) {
    const through = tlsAccepts === undefined ? '' : `${who} got through the TLS layer and was `;
    return pass(
      `${through}refused with HTTP 401 invalid_token${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}`,
    );
  }
  const seen = `${describeAnswer(observation)}${challenge ? ` with WWW-Authenticate: ${challenge}` : ''}`;
  return fail(
    `refused with ${seen}, but RFC 8705 §3 requires 401 with the invalid_token error code (RFC 6750 §3.1)`,
  );
}

/** RFC 6750 §3.1: `invalid_token` in the WWW-Authenticate challenge or in a JSON error body. */
export function isInvalidTokenRefusal(observation: Observation, challenge: string): boolean {
  const json = readJsonBody(observation);
  return /error="invalid_token"/i.test(challenge) || (isRecord(json) && json.error === 'invalid_token');
}
