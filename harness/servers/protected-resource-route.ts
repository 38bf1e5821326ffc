import type { AccessTokenClaims } from './access-token-signer.ts';
import type { AuthorizationServerContext } from './authorization-server-context.ts';
import { certificateThumbprint } from './certificate-thumbprint.ts';
import type { MockResponse, RouteHandler } from './http-routes.ts';
import { bearerErrorResponse } from './oauth-error-response.ts';

/**
 * A protected resource (RFC 6750) that accepts only tokens presented over a connection with the
 * certificate they are bound to (RFC 8705 §3): "if they do not match, the resource access attempt MUST
 * be rejected with an error, per RFC 6750, using an HTTP 401 status code and the invalid_token error
 * code". The flawed `issues-unbound-tokens` server checks the token but not the binding;
 * `resource-serves-without-cert` checks it only when a certificate is presented.
 */
export function protectedResourceHandler(context: AuthorizationServerContext): RouteHandler {
  return (request) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined) return bearerErrorResponse('no access token was sent');
    const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
    if (token === undefined)
      return bearerErrorResponse('the Authorization header is not "Bearer <token>"', 'invalid_request');
    const verification = context.issuer.validate(token, context.origin());
    if (!verification.valid) return bearerErrorResponse(verification.why, 'invalid_token');
    const claims = verification.claims;
    if (context.flaw !== 'issues-unbound-tokens') {
      const bound = claims.cnf?.['x5t#S256'];
      const leaf = request.client.certificates[0];
      if (bound === undefined)
        return bearerErrorResponse('the token is not bound to a certificate', 'invalid_token');
      if (leaf === undefined && context.flaw === 'resource-serves-without-cert') return served(claims);
      if (leaf === undefined)
        return bearerErrorResponse(
          'the token is certificate-bound but no certificate was presented',
          'invalid_token',
        );
      if (certificateThumbprint(leaf) !== bound) {
        return bearerErrorResponse(
          'the token is bound to another certificate than the one presented',
          'invalid_token',
        );
      }
    }
    return served(claims);
  };
}

function served(claims: AccessTokenClaims): MockResponse {
  return {
    status: 200,
    body: { status: 'ok', client_id: claims.client_id, ...(claims.scope ? { scope: claims.scope } : {}) },
  };
}
