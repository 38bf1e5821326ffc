import { performance } from 'node:perf_hooks';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { OAuthDeclaration } from '../scenarios/oauth/oauth-declaration.ts';
import { authorizationServerPaths } from '../servers/authorization-server-paths.ts';
import { MockAuthorizationServer } from '../servers/mock-authorization-server.ts';
import type { OAuthClientRegistration } from '../servers/oauth-client-registration.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { SERVER_FIXTURE } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

type OAuthMockFixtures = Pick<FixtureSet, 'identity' | 'trustBundlePem' | 'certificatePem' | 'rootOf'>;

/** The client the mock registers as `oauth.clientId`: fixture tpp1, the trusted identity of every mock. */
const registeredFixture = 'tpp1';
/**
 * Other registered clients, so that token-with-other-clients-cert meets a real client of the server:
 * it presents tpp2 when the target trusts ca2, else tpp3 (see chooseOtherClient).
 */
const otherFixtures = ['tpp2', 'tpp3'] as const;

/**
 * A `provider: mock` target of `suite: oauth`: the built-in MockAuthorizationServer on a free port of
 * 127.0.0.1, trusting the declared CAs, with tpp1 registered as the declared client, under its own CA
 * only (a certificate with tpp1's subject from another trusted CA is not tpp1). The target's URL
 * is its token endpoint.
 */
export class MockAuthorizationServerTargetProvider implements TargetProvider {
  readonly kind = 'mock';

  constructor(
    private readonly params: { declaration: LocalTargetDeclaration; fixtures: OAuthMockFixtures },
  ) {}

  async start(): Promise<StartedTarget> {
    const started = performance.now();
    const { declaration, fixtures } = this.params;
    const oauth = mockOAuthDeclaration(declaration.oauth, fixtures);
    const builder = new MockAuthorizationServer(fixtures.identity(SERVER_FIXTURE)).withClient(
      registration(oauth, registeredFixture, fixtures),
    );
    if (declaration.trusts.length > 0) builder.withTrust(fixtures.trustBundlePem(declaration.trusts));
    for (const other of otherFixtures) {
      if (oauth.clientId === other || declaration.trusts.length === 0 || !hasFixture(fixtures, other))
        continue;
      builder.withClient(registration({ clientId: other, authMethod: 'tls_client_auth' }, other, fixtures));
    }
    const server = await builder.start();
    return new StartedTargetHandle({
      kind: this.kind,
      declaration: { ...declaration, url: server.tokenEndpoint, oauth },
      startMs: Math.round(performance.now() - started),
      teardown: () => server.stop(),
    });
  }
}

/**
 * The oauth declaration of a mock target, defaults filled in: client `tpp1` by `tls_client_auth` with
 * tpp1's DNS SAN as its subject, and the mock's own resource (`/resource`, on the token endpoint's origin).
 */
export function mockOAuthDeclaration(
  oauth: OAuthDeclaration | undefined,
  fixtures: Pick<FixtureSet, 'identity'>,
): OAuthDeclaration {
  const declared = oauth ?? { clientId: registeredFixture, authMethod: 'tls_client_auth' };
  const subject =
    declared.expectedSubject ?? fixtures.identity(registeredFixture).certificate.subjectAltNames[0];
  return {
    ...declared,
    ...(declared.authMethod === 'tls_client_auth' && subject !== undefined
      ? { expectedSubject: subject }
      : {}),
    resourceUrl: declared.resourceUrl ?? authorizationServerPaths.resource,
  };
}

function registration(
  oauth: OAuthDeclaration,
  fixture: string,
  fixtures: OAuthMockFixtures,
): OAuthClientRegistration {
  if (oauth.authMethod === 'self_signed_tls_client_auth') {
    return {
      clientId: oauth.clientId,
      authMethod: oauth.authMethod,
      certificatesPem: [fixtures.certificatePem(fixture)],
    };
  }
  const subject =
    oauth.expectedSubject ??
    fixtures.identity(fixture).certificate.subjectAltNames[0] ??
    fixtures.identity(fixture).certificate.subject;
  // Registered under its own CA only (RFC 8705 §7.4), so tpp1's twin from ca2 is not taken for tpp1.
  const root = fixtures.rootOf(fixture);
  return {
    clientId: oauth.clientId,
    authMethod: oauth.authMethod,
    subject,
    ...(root === null ? {} : { issuersPem: fixtures.trustBundlePem([root]) }),
  };
}

/** A custom fixture set may leave an identity out. */
function hasFixture(fixtures: Pick<FixtureSet, 'identity'>, name: string): boolean {
  try {
    fixtures.identity(name);
    return true;
  } catch {
    return false;
  }
}
