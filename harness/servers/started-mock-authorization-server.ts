import type { JsonWebKey } from 'node:crypto';
import type { AccessTokenSigner } from './access-token-signer.ts';
import { authorizationServerPaths as paths } from './authorization-server-paths.ts';
import type { ConnectionRecord } from './connection-record.ts';
import type { StartedMockMtlsServer } from './started-mock-mtls-server.ts';

/** A listening mock authorization server and its endpoints' URLs. Stop it, or let `await using` do it. */
export class StartedMockAuthorizationServer implements AsyncDisposable {
  readonly #server: StartedMockMtlsServer;
  readonly #aliases: boolean;
  readonly #signer: AccessTokenSigner;

  constructor(
    server: StartedMockMtlsServer,
    parts: { mtlsEndpointAliases: boolean; signer: AccessTokenSigner },
  ) {
    this.#server = server;
    this.#aliases = parts.mtlsEndpointAliases;
    this.#signer = parts.signer;
  }

  /** `https://127.0.0.1:PORT`: the issuer. */
  get url(): string {
    return this.#server.url;
  }

  /** `…/oauth2/token`. */
  get tokenEndpoint(): string {
    return `${this.url}${paths.token}`;
  }

  /** The mTLS alias of the token endpoint (`…/mtls/oauth2/token`), when aliases are on. */
  get mtlsTokenEndpoint(): string | undefined {
    return this.#aliases ? `${this.url}${paths.mtlsAliasPrefix}${paths.token}` : undefined;
  }

  /** `…/oauth2/introspect`. */
  get introspectionEndpoint(): string {
    return `${this.url}${paths.introspection}`;
  }

  /** `…/resource`: the protected resource that checks the token's binding. */
  get resourceUrl(): string {
    return `${this.url}${paths.resource}`;
  }

  /** `…/.well-known/oauth-authorization-server`. */
  get metadataUrl(): string {
    return `${this.url}${paths.metadata}`;
  }

  /** The public key the access tokens are signed with. */
  get signingKey(): JsonWebKey {
    return this.#signer.publicJwk;
  }

  /** One record per connection, as MockMtlsServer keeps them. */
  get connections(): readonly ConnectionRecord[] {
    return this.#server.connections;
  }

  /** Stops listening and closes every connection. Idempotent. */
  stop(): Promise<void> {
    return this.#server.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
