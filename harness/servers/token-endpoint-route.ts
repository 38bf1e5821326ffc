import { randomUUID } from 'node:crypto';
import type { AccessTokenClaims } from './access-token-signer.ts';
import { authenticateOAuthClient } from './authenticate-oauth-client.ts';
import type { AuthorizationServerContext } from './authorization-server-context.ts';
import { authorizationServerPaths } from './authorization-server-paths.ts';
import type { MockRequest, MockResponse, RouteHandler } from './http-routes.ts';
import { noStoreHeaders, oauthErrorResponse } from './oauth-error-response.ts';

/**
 * The token endpoint: `grant_type=client_credentials` (RFC 6749 §4.4) from a client authenticated by
 * mutual TLS (RFC 8705 §2), answered with an access token bound to the presented certificate
 * (RFC 8705 §3.1) unless the server is flawed.
 */
export function tokenEndpointHandler(context: AuthorizationServerContext): RouteHandler {
  return (request) => {
    const form = readForm(request);
    if ('refusal' in form) return form.refusal;
    const grantType = form.fields.grant_type;
    if (grantType === undefined) return oauthErrorResponse('invalid_request', 'grant_type is missing');
    if (grantType !== 'client_credentials') {
      return oauthErrorResponse(
        'unsupported_grant_type',
        `grant_type "${grantType}" is not supported; use client_credentials`,
      );
    }
    const clientId = form.fields.client_id;
    if (clientId === undefined) {
      return oauthErrorResponse(
        'invalid_request',
        'client_id is missing; mutual-TLS client authentication requires it (RFC 8705 §2)',
      );
    }
    const authentication = authenticateOAuthClient(
      { clientId, certificates: request.client.certificates },
      context.registrations,
      context.pkiAnchors,
      context.flaw,
    );
    if (!authentication.authenticated)
      return oauthErrorResponse('invalid_client', authentication.description);
    for (const [name, value] of Object.entries(context.requiredTokenParameters)) {
      if (form.fields[name] !== value) {
        return oauthErrorResponse(
          name === 'resource' ? 'invalid_target' : 'invalid_request',
          `${name} must be ${JSON.stringify(value)}, got ${form.fields[name] === undefined ? 'none' : JSON.stringify(form.fields[name])}`,
        );
      }
    }

    const now = Math.floor(Date.now() / 1000);
    const scope = form.fields.scope;
    const bind = context.flaw !== 'issues-unbound-tokens' && authentication.thumbprint !== undefined;
    const claims: AccessTokenClaims = {
      iss: context.origin(),
      sub: clientId,
      aud: `${context.origin()}${authorizationServerPaths.resource}`,
      client_id: clientId,
      iat: now,
      exp: now + context.tokenLifetimeSeconds,
      jti: randomUUID(),
      ...(scope === undefined ? {} : { scope }),
      ...(bind ? { cnf: { 'x5t#S256': authentication.thumbprint as string } } : {}),
    };
    return {
      status: 200,
      headers: { ...noStoreHeaders },
      body: {
        access_token: context.issuer.issue(claims),
        // RFC 8705 keeps the Bearer type: the binding is checked on the connection, not in the header.
        token_type: 'Bearer',
        expires_in: context.tokenLifetimeSeconds,
        ...(scope === undefined ? {} : { scope }),
      },
    };
  };
}

/** The form fields of a POST, or the answer to a request that is not one (RFC 6749 §3.2: POST, form-encoded). */
export function readForm(
  request: MockRequest,
): { fields: Record<string, string> } | { refusal: MockResponse } {
  if (request.method !== 'POST') {
    return {
      refusal: {
        status: 405,
        headers: { allow: 'POST', ...noStoreHeaders },
        body: { error: 'invalid_request', error_description: 'use POST' },
      },
    };
  }
  const body = request.body;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return {
      refusal: oauthErrorResponse('invalid_request', 'the body must be application/x-www-form-urlencoded'),
    };
  }
  // An empty body parses to undefined: a form without fields.
  return { fields: (body ?? {}) as Record<string, string> };
}
