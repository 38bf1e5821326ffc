import type { MockResponse } from './http-routes.ts';

/** RFC 6749 §5.1: token responses, and errors, must not be cached. */
export const noStoreHeaders = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

/**
 * An RFC 6749 §5.2 error response. `invalid_client` is answered 401, as Cloudentity and WSO2 do (the
 * RFC allows 400 when the client did not authenticate with an Authorization header). `invalid_target`
 * is RFC 8707 §2's, for a `resource` the server does not issue tokens for.
 */
export function oauthErrorResponse(
  error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_target',
  description: string,
): MockResponse {
  return {
    status: error === 'invalid_client' ? 401 : 400,
    headers: { ...noStoreHeaders },
    body: { error, error_description: description },
  };
}

/**
 * An RFC 6750 §3 refusal at the protected resource: 401 with a Bearer challenge. Without `error` (no
 * token was sent at all, RFC 6750 §3.1) the challenge names no error code.
 */
export function bearerErrorResponse(
  description: string,
  error?: 'invalid_request' | 'invalid_token',
): MockResponse {
  const quoted = description.replaceAll('"', "'");
  const challenge =
    error === undefined
      ? 'Bearer realm="mock"'
      : `Bearer realm="mock", error="${error}", error_description="${quoted}"`;
  return {
    status: error === 'invalid_request' ? 400 : 401,
    headers: { 'www-authenticate': challenge },
    body: { error: error ?? 'unauthorized', error_description: description },
  };
}
