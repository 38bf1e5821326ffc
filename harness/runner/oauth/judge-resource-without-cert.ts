import type { Observation } from '../../probe/observation.ts';
import { fail, pass, undecided, type Judgement } from '../judgement.ts';
import { isInvalidTokenRefusal } from './judge-resource-request.ts';
import { tlsLayerVerdict } from './tls-layer-verdict.ts';
import { describeAnswer } from './token-response.ts';

/**
 * The bound token over a connection without any certificate must be refused: at the TLS layer (a
 * resource that requires a certificate never sees the token), or as RFC 8705 §3 has a mismatch refused,
 * "using an HTTP 401 status code and the invalid_token error code" (RFC 6750 §3.1). A resource that
 * checks `cnf` only when a certificate is there serves it.
 */
export function judgeResourceRefusedWithoutCert(observation: Observation): Judgement {
  if (observation.outcome === 'error')
    return undecided(`expected a refusal, but could not decide: ${observation.reason}`);
  const http = observation.http;
  if (http === undefined)
    return pass(`refused at the TLS layer, before the token was sent: ${observation.reason}`);
  const challenge = http.headers['www-authenticate'] ?? '';
  const seen = `${describeAnswer(observation)}${challenge ? ` with WWW-Authenticate: ${challenge}` : ''}`;
  if (http.status >= 200 && http.status < 300) {
    return fail(
      `the resource served the certificate-bound token to a client that presented no certificate (HTTP ${http.status}): it checks the binding only when a certificate is there (RFC 8705 §3)`,
    );
  }
  if (http.status === 401 && isInvalidTokenRefusal(observation, challenge))
    return pass(`refused with HTTP 401 invalid_token${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}`);
  // nginx's "No required SSL certificate was sent" (400, or 496 when intercepted): the TLS layer's refusal.
  if (tlsLayerVerdict(observation) === 'refused')
    return pass(`refused by the TLS-terminating proxy before the resource: ${observation.reason}`);
  return fail(
    `refused with ${seen}, but RFC 8705 §3 requires 401 with the invalid_token error code (RFC 6750 §3.1)`,
  );
}
