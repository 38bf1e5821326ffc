/** The client authentication methods of RFC 8705 §2, by their registered names. */
export const oauthAuthMethods = ['tls_client_auth', 'self_signed_tls_client_auth'] as const;
export type OAuthAuthMethod = (typeof oauthAuthMethods)[number];

/** RFC 8414 §3: where an issuer without a path publishes its metadata. */
export const defaultMetadataPath = '/.well-known/oauth-authorization-server';

/**
 * What an OAuth target is declared to be, besides its token endpoint (the target's `url`): the `oauth:`
 * block of the config. The client is the target's trusted identity (fixture tpp1, or its own).
 */
export interface OAuthDeclaration {
  /** The client_id registered at the authorization server for the trusted identity. */
  clientId: string;
  /** How that client authenticates at the token endpoint. */
  authMethod: OAuthAuthMethod;
  /**
   * For `tls_client_auth`: the subject DN or SAN the client is registered with (RFC 8705 §2.1.2).
   * Reported with the results; a mock target registers it. Default for a mock: tpp1's DNS SAN.
   */
  expectedSubject?: string;
  /** The protected resource, absolute or a path on the token endpoint's origin. Absent: the resource scenarios are skipped. */
  resourceUrl?: string;
  /** The metadata document, absolute or a path. Default: `/.well-known/oauth-authorization-server` on the token endpoint's origin. */
  metadataUrl?: string;
  /** Sent as `scope` with the token request. Default: none. */
  scope?: string;
  /**
   * Extra form parameters of every token request (RFC 8707 `resource`, `audience`); never secrets, since
   * reports and reproduce commands show them. Default: none.
   */
  tokenParameters?: Record<string, string>;
  /** Where and how an opaque token is introspected. Default: the metadata's endpoint, the client's certificate. */
  introspection?: OAuthIntrospection;
}

/** The introspection endpoint (RFC 7662) and its credentials, named by environment variable only. */
export interface OAuthIntrospection {
  /** Absolute, or a path on the token endpoint's origin. Default: the metadata's `introspection_endpoint`. */
  url?: string;
  /** HTTP Basic credentials (WSO2: an administrator's), read from these variables at the run. */
  basic?: { userEnv: string; passwordEnv: string };
}

/** The form parameters the suite sets itself, which `tokenParameters` may not override. */
export const ownTokenParameters: readonly string[] = ['grant_type', 'client_id', 'scope'];

/** The URLs of an OAuth target, relative ones resolved against the token endpoint. */
export interface OAuthEndpoints {
  token: string;
  resource?: string;
  metadata: string;
}

export function resolveOAuthEndpoints(tokenUrl: string, oauth: OAuthDeclaration): OAuthEndpoints {
  return {
    token: tokenUrl,
    ...(oauth.resourceUrl === undefined ? {} : { resource: new URL(oauth.resourceUrl, tokenUrl).href }),
    metadata: new URL(oauth.metadataUrl ?? defaultMetadataPath, tokenUrl).href,
  };
}

/** `client_id "tpp1" (tls_client_auth, subject "tpp1.demo.axway.com")`: the registration, in one line. */
export function describeOAuthClient(oauth: OAuthDeclaration | undefined): string {
  if (oauth === undefined) return 'the client (no oauth block declared)';
  const subject = oauth.expectedSubject === undefined ? '' : `, subject "${oauth.expectedSubject}"`;
  return `client_id "${oauth.clientId}" (${oauth.authMethod}${subject})`;
}
