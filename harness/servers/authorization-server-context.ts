import type { X509Certificate } from 'node:crypto';
import type { AccessTokenIssuer } from './access-token-issuer.ts';
import type { AccessTokenSigner } from './access-token-signer.ts';
import type { AuthorizationServerFlaw } from './authorization-server-flaw.ts';
import type { OAuthClientRegistration } from './oauth-client-registration.ts';

/** What the mock authorization server's routes share once it is started. */
export interface AuthorizationServerContext {
  /** `https://127.0.0.1:PORT`: the issuer, and the base of every endpoint URL. Known once listening. */
  origin(): string;
  registrations: readonly OAuthClientRegistration[];
  /** The CAs a `tls_client_auth` certificate must chain to. */
  pkiAnchors: readonly X509Certificate[];
  flaw?: AuthorizationServerFlaw | undefined;
  signer: AccessTokenSigner;
  issuer: AccessTokenIssuer;
  tokenLifetimeSeconds: number;
  mtlsEndpointAliases: boolean;
  /** When set, introspection takes these HTTP Basic credentials instead of the client's certificate (WSO2). */
  introspectionCredentials?: { user: string; password: string } | undefined;
  /** Form parameters every token request must carry with these values (RFC 8707 `resource`). */
  requiredTokenParameters: Readonly<Record<string, string>>;
}
