import { authenticateOAuthClient } from './authenticate-oauth-client.ts';
import type { AuthorizationServerContext } from './authorization-server-context.ts';
import type { MockResponse, RouteHandler } from './http-routes.ts';
import { noStoreHeaders, oauthErrorResponse } from './oauth-error-response.ts';
import { readForm } from './token-endpoint-route.ts';

/**
 * Token introspection (RFC 7662) for clients authenticated as at the token endpoint (RFC 7662 §2.1
 * requires the caller to be authorized). An active token's answer carries its `cnf`, so a resource
 * server holding an opaque token can check the binding (RFC 8705 §3.2).
 */
export function introspectionEndpointHandler(context: AuthorizationServerContext): RouteHandler {
  return (request) => {
    const form = readForm(request);
    if ('refusal' in form) return form.refusal;
    const { token, client_id: clientId } = form.fields;
    const basic = context.introspectionCredentials;
    if (basic !== undefined) {
      const expected = `Basic ${Buffer.from(`${basic.user}:${basic.password}`, 'utf8').toString('base64')}`;
      if (request.headers.authorization !== expected)
        return oauthErrorResponse(
          'invalid_client',
          "introspection needs the administrator's Basic credentials",
        );
      return introspect(context, token);
    }
    if (clientId === undefined)
      return oauthErrorResponse('invalid_request', 'client_id is missing (RFC 8705 §2)');
    const authentication = authenticateOAuthClient(
      { clientId, certificates: request.client.certificates },
      context.registrations,
      context.pkiAnchors,
      context.flaw,
    );
    if (!authentication.authenticated)
      return oauthErrorResponse('invalid_client', authentication.description);
    return introspect(context, token);
  };
}

function introspect(context: AuthorizationServerContext, token: string | undefined): MockResponse {
  if (token === undefined) return oauthErrorResponse('invalid_request', 'token is missing');
  const verification = context.issuer.validate(token, context.origin());
  // RFC 7662 §2.2: an inactive token is answered `{"active": false}` and nothing else.
  const body = verification.valid
    ? { active: true, token_type: 'Bearer', ...verification.claims }
    : { active: false };
  return { status: 200, headers: { ...noStoreHeaders }, body };
}
