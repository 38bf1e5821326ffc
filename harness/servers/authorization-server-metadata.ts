import type { AuthorizationServerContext } from './authorization-server-context.ts';
import { authorizationServerPaths as paths } from './authorization-server-paths.ts';
import type { RouteHandler } from './http-routes.ts';
import type { OAuthClientAuthMethod } from './oauth-client-registration.ts';

/**
 * The mock's authorization server metadata (RFC 8414 §2) with the RFC 8705 parameters:
 * `tls_client_certificate_bound_access_tokens` (§3.3) and, when on, `mtls_endpoint_aliases` (§5), the
 * endpoints a client doing mutual TLS uses in preference to the conventional ones.
 */
export function authorizationServerMetadata(context: AuthorizationServerContext): Record<string, unknown> {
  const origin = context.origin();
  const methods = [
    ...new Set<OAuthClientAuthMethod>(context.registrations.map((registration) => registration.authMethod)),
  ];
  return {
    issuer: origin,
    token_endpoint: `${origin}${paths.token}`,
    introspection_endpoint: `${origin}${paths.introspection}`,
    jwks_uri: `${origin}${paths.jwks}`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: methods,
    introspection_endpoint_auth_methods_supported: methods,
    // Claimed by the flawed `issues-unbound-tokens` server too: the suite must catch the lie by behaviour.
    tls_client_certificate_bound_access_tokens: true,
    ...(context.mtlsEndpointAliases
      ? {
          mtls_endpoint_aliases: {
            token_endpoint: `${origin}${paths.mtlsAliasPrefix}${paths.token}`,
            introspection_endpoint: `${origin}${paths.mtlsAliasPrefix}${paths.introspection}`,
          },
        }
      : {}),
  };
}

export function metadataHandler(context: AuthorizationServerContext): RouteHandler {
  return () => ({ status: 200, body: authorizationServerMetadata(context) });
}

/** The signing key as a JWK Set (RFC 7517 §5), for resource servers that verify the JWTs themselves. */
export function jwksHandler(context: AuthorizationServerContext): RouteHandler {
  return () => ({ status: 200, body: { keys: [context.signer.publicJwk] } });
}
