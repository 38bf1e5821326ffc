/**
 * Where the mock authorization server answers. The token endpoint is WSO2's (`/oauth2/token`, seed 004);
 * the metadata is at RFC 8414 §3's well-known path for an issuer without a path.
 */
export const authorizationServerPaths = {
  token: '/oauth2/token',
  introspection: '/oauth2/introspect',
  jwks: '/oauth2/jwks',
  resource: '/resource',
  metadata: '/.well-known/oauth-authorization-server',
  /** With mtls_endpoint_aliases on (RFC 8705 §5), the token and introspection endpoints again, under this prefix. */
  mtlsAliasPrefix: '/mtls',
} as const;
