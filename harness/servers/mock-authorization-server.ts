import type { X509Certificate } from 'node:crypto';
import { HarnessError } from '../common/harness-error.ts';
import type { ClientIdentity } from '../pki/client-identity.ts';
import { accessTokenFormats, AccessTokenIssuer, type AccessTokenFormat } from './access-token-issuer.ts';
import { AccessTokenSigner } from './access-token-signer.ts';
import type { AuthorizationServerContext } from './authorization-server-context.ts';
import { authorizationServerFlaws, type AuthorizationServerFlaw } from './authorization-server-flaw.ts';
import { jwksHandler, metadataHandler } from './authorization-server-metadata.ts';
import { authorizationServerPaths as paths } from './authorization-server-paths.ts';
import { introspectionEndpointHandler } from './introspection-endpoint-route.ts';
import { MockMtlsServer } from './mock-mtls-server.ts';
import { oauthClientAuthMethods, type OAuthClientRegistration } from './oauth-client-registration.ts';
import { parseCertificateBundle } from './parse-certificate-bundle.ts';
import { protectedResourceHandler } from './protected-resource-route.ts';
import { StartedMockAuthorizationServer } from './started-mock-authorization-server.ts';
import { tokenEndpointHandler } from './token-endpoint-route.ts';

/**
 * A mock OAuth 2.0 authorization server and protected resource on one MockMtlsServer, implementing
 * RFC 8705: mutual-TLS client authentication at the token endpoint (`tls_client_auth`,
 * `self_signed_tls_client_auth`), certificate-bound JWT access tokens, and the metadata that
 * advertises them; plus deliberately flawed variants for self-tests (see AuthorizationServerFlaw).
 *
 * Like WSO2 with `clientAuth="want"` (seed 004) the TLS layer asks for a certificate without insisting,
 * so a client without one is refused by the token endpoint with `invalid_client`, and registered
 * self-signed certificates are added to the TLS trust, as WSO2 imports them into its truststore.
 *
 * ```ts
 * await using as = await new MockAuthorizationServer(fixtures.identity('server'))
 *   .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
 *   .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp1.demo.axway.com' })
 *   .start();
 * // POST as.tokenEndpoint with tpp1's certificate, then GET as.resourceUrl with the token
 * ```
 */
export class MockAuthorizationServer {
  readonly #identity: ClientIdentity;
  #trustPem: string | undefined;
  #registrations: OAuthClientRegistration[] = [];
  #flaw: AuthorizationServerFlaw | undefined;
  #tokenFormat: AccessTokenFormat = 'jwt';
  #tokenLifetimeSeconds = 300;
  #mtlsEndpointAliases = false;
  #tlsVerifies = true;
  #introspectionCredentials: { user: string; password: string } | undefined;
  #requiredTokenParameters: Record<string, string> = {};
  #host = '127.0.0.1';
  #port = 0;

  /** `identity`: the server's own certificate and key (a fixture's `server`). */
  constructor(identity: ClientIdentity) {
    this.#identity = identity;
  }

  /**
   * The CAs, as a PEM bundle, that `tls_client_auth` certificates must chain to (RFC 8705 §2.1); they
   * are trusted at the TLS layer too. Required when a `tls_client_auth` client is registered.
   */
  withTrust(pemBundle: string): this {
    this.#trustPem = pemBundle;
    return this;
  }

  /** Registers a client; call once per client. At least one is required. */
  withClient(registration: OAuthClientRegistration): this {
    const { clientId, authMethod } = registration;
    if (clientId.trim() === '') throw new HarnessError('Cannot register the client. Its clientId is empty.');
    if (!oauthClientAuthMethods.includes(authMethod)) {
      throw new HarnessError(
        `Cannot register client "${clientId}". authMethod '${String(authMethod)}' is not one of: ${oauthClientAuthMethods.join(', ')}.`,
      );
    }
    if (this.#registrations.some((existing) => existing.clientId === clientId)) {
      throw new HarnessError(
        `Cannot register client "${clientId}". A client with that clientId is already registered.`,
      );
    }
    if (registration.authMethod === 'tls_client_auth' && registration.subject.trim() === '') {
      throw new HarnessError(
        `Cannot register client "${clientId}". tls_client_auth needs a subject: a DN (CN=…, O=…) or a SAN value.`,
      );
    }
    if (
      registration.authMethod === 'self_signed_tls_client_auth' &&
      registration.certificatesPem.length === 0
    ) {
      throw new HarnessError(
        `Cannot register client "${clientId}". self_signed_tls_client_auth needs at least one certificate.`,
      );
    }
    this.#registrations = [...this.#registrations, registration];
    return this;
  }

  /** Makes the server deliberately broken, for self-tests; see AuthorizationServerFlaw. Default: none. */
  withFlaw(flaw: AuthorizationServerFlaw): this {
    this.#flaw = oneOf(flaw, authorizationServerFlaws, 'set the flaw');
    return this;
  }

  /** `jwt` (default) or `opaque` access tokens; see AccessTokenFormat. */
  withTokenFormat(format: AccessTokenFormat): this {
    this.#tokenFormat = oneOf(format, accessTokenFormats, 'set the token format');
    return this;
  }

  /** `expires_in` and the tokens' lifetime. Default: 300 s. */
  withTokenLifetime(seconds: number): this {
    if (!Number.isInteger(seconds) || seconds < 1) {
      throw new HarnessError(
        `Cannot set the token lifetime. ${seconds} is not a whole number of seconds, 1 or more.`,
      );
    }
    this.#tokenLifetimeSeconds = seconds;
    return this;
  }

  /** Also serves the token and introspection endpoints under `/mtls` and lists them as `mtls_endpoint_aliases` (RFC 8705 §5). Default: off. */
  withMtlsEndpointAliases(): this {
    this.#mtlsEndpointAliases = true;
    return this;
  }

  /**
   * Makes the TLS layer ask for a client certificate and take any, verifying none (nginx
   * `ssl_verify_client optional_no_ca`, a `want` connector with an accept-all trust manager); the token
   * endpoint and the resource still check the certificate themselves, so the server stays correct.
   * What the oauth suite says about the TLS layer must then not claim it verified a certificate.
   * Default: the TLS layer verifies a certificate that is presented.
   */
  withUnverifyingTlsLayer(): this {
    this.#tlsVerifies = false;
    return this;
  }

  /**
   * Makes introspection take these HTTP Basic credentials, not the client's certificate, as WSO2's
   * takes an administrator's (RFC 7662 §2.1 leaves the method to the server). Default: the client's
   * certificate and client_id, as at the token endpoint.
   */
  withIntrospectionCredentials(user: string, password: string): this {
    this.#introspectionCredentials = { user, password };
    return this;
  }

  /**
   * Refuses a token request without `name` = `value` (`invalid_target` for RFC 8707's `resource`,
   * `invalid_request` otherwise), as a server that issues tokens only for a declared audience does.
   * Call once per parameter. Default: none required.
   */
  withRequiredTokenParameter(name: string, value: string): this {
    this.#requiredTokenParameters = { ...this.#requiredTokenParameters, [name]: value };
    return this;
  }

  /** The address to listen on. Default: `127.0.0.1`. */
  withHost(host: string): this {
    this.#host = host;
    return this;
  }

  /** The port to listen on. Default: 0, a free port. */
  withPort(port: number): this {
    this.#port = port;
    return this;
  }

  /** Checks the settings (all problems at once), generates the signing key, then listens. */
  async start(): Promise<StartedMockAuthorizationServer> {
    const { pkiAnchors, tlsTrustPem } = this.#checkTrust();
    const signer = await AccessTokenSigner.generate();
    // The routes need the issuer URL, which is known once the server listens on its port.
    const listening: { origin?: string } = {};
    const context: AuthorizationServerContext = {
      origin: () => {
        if (listening.origin === undefined)
          throw new Error('the mock authorization server is not listening yet');
        return listening.origin;
      },
      registrations: [...this.#registrations],
      pkiAnchors,
      flaw: this.#flaw,
      signer,
      issuer: new AccessTokenIssuer(signer, this.#tokenFormat),
      tokenLifetimeSeconds: this.#tokenLifetimeSeconds,
      mtlsEndpointAliases: this.#mtlsEndpointAliases,
      introspectionCredentials: this.#introspectionCredentials,
      requiredTokenParameters: { ...this.#requiredTokenParameters },
    };
    const server = new MockMtlsServer(this.#identity)
      .withClientAuth('optional')
      .withTrust(tlsTrustPem)
      .withHost(this.#host)
      .withPort(this.#port)
      .withRoute('*', paths.token, tokenEndpointHandler(context))
      .withRoute('*', paths.introspection, introspectionEndpointHandler(context))
      .withRoute('*', paths.resource, protectedResourceHandler(context))
      .withRoute('GET', paths.metadata, metadataHandler(context))
      .withRoute('GET', paths.jwks, jwksHandler(context));
    if (this.#mtlsEndpointAliases) {
      server
        .withRoute('*', `${paths.mtlsAliasPrefix}${paths.token}`, tokenEndpointHandler(context))
        .withRoute(
          '*',
          `${paths.mtlsAliasPrefix}${paths.introspection}`,
          introspectionEndpointHandler(context),
        );
    }
    // The TLS layer of a server that hands a token to anyone lets anyone in too (nginx optional_no_ca).
    if (this.#flaw === 'accepts-any-certificate-for-client' || !this.#tlsVerifies)
      server.withMisconfiguration('accept-any-certificate');
    const started = await server.start();
    listening.origin = started.url;
    return new StartedMockAuthorizationServer(started, {
      mtlsEndpointAliases: this.#mtlsEndpointAliases,
      signer,
    });
  }

  #checkTrust(): { pkiAnchors: X509Certificate[]; tlsTrustPem: string } {
    const problems: string[] = [];
    if (this.#registrations.length === 0) problems.push('no client is registered: call withClient()');
    let pkiAnchors: X509Certificate[] = [];
    if (this.#trustPem !== undefined) {
      const parsed = parseCertificateBundle(this.#trustPem, 'withTrust()');
      if ('problem' in parsed) problems.push(parsed.problem);
      else pkiAnchors = parsed.certificates;
    } else if (this.#registrations.some((registration) => registration.authMethod === 'tls_client_auth')) {
      problems.push('a tls_client_auth client is registered but no CA is trusted: call withTrust(pemBundle)');
    }
    const registeredPems = this.#registrations.flatMap((registration) =>
      registration.authMethod === 'self_signed_tls_client_auth' ? registration.certificatesPem : [],
    );
    for (const registration of this.#registrations) {
      if (registration.authMethod !== 'tls_client_auth' || registration.issuersPem === undefined) continue;
      const parsed = parseCertificateBundle(
        registration.issuersPem,
        `issuersPem of ${registration.clientId}`,
      );
      if ('problem' in parsed) problems.push(parsed.problem);
    }
    for (const [index, pem] of registeredPems.entries()) {
      const parsed = parseCertificateBundle(pem, `registered certificate ${index + 1}`);
      if ('problem' in parsed) problems.push(parsed.problem);
    }
    if (problems.length > 0) {
      throw new HarnessError(
        `Cannot start the mock authorization server (identity "${this.#identity.label}"): ${problems.join('; ')}.`,
      );
    }
    return {
      pkiAnchors,
      tlsTrustPem: [this.#trustPem ?? '', ...registeredPems].filter((pem) => pem !== '').join('\n'),
    };
  }
}

function oneOf<T extends string>(value: T, allowed: readonly T[], action: string): T {
  if (!allowed.includes(value)) {
    throw new HarnessError(`Cannot ${action}. '${String(value)}' is not one of: ${allowed.join(', ')}.`);
  }
  return value;
}
