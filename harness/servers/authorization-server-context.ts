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
}
