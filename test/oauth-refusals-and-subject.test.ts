import { expect } from 'chai';
import {
  BoundedPool,
  MockAuthorizationServer,
  MockMtlsServer,
  type OAuthDeclaration,
  type ScenarioResult,
  type TargetContext,
} from '../harness/index.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { planOAuthSuite } from '../suites/oauth/oauth-suite.ts';
import { testFixtures } from './support/fixtures.ts';

const oauth: OAuthDeclaration = {
  clientId: 'tpp1',
  authMethod: 'tls_client_auth',
  expectedSubject: 'tpp1.demo.axway.com',
};

describe('oauth: the refusals that count for a missing certificate, and expectedSubject checked on every run (issue 19)', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  function context(url: string, declared: OAuthDeclaration): TargetContext {
    return {
      declaration: {
        name: 'as',
        url,
        trusts: ['ca1'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        oauth: declared,
      },
      fixtures,
      trustedIdentity: {
        identity: fixtures.identity('tpp1'),
        files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
      },
      serverTrust: { pem: fixtures.certificatePem('ca1'), file: fixtures.path('ca1', 'crt') },
      timeouts: {},
    };
  }

  async function run(target: TargetContext, only: string[]): Promise<ScenarioResult[]> {
    const planned = planOAuthSuite(target, { only }, new BoundedPool(2));
    const results = await Promise.all(planned.map((scenario) => scenario.result));
    return results.filter((result): result is ScenarioResult => result !== undefined);
  }

  // A token endpoint that answers a request without a certificate with this error, as real servers do.
  const answers: Array<{ status: number; error: string; verdict: 'pass' | 'fail'; reason: RegExp }> = [
    {
      status: 401,
      error: 'invalid_client',
      verdict: 'pass',
      reason: /: it counts, client authentication failed/,
    },
    {
      status: 400,
      error: 'invalid_client',
      verdict: 'pass',
      reason: /: it counts, client authentication failed/,
    },
    {
      status: 400,
      error: 'invalid_request',
      verdict: 'pass',
      reason: /: it counts, the request lacks a required credential .*OIDF conformance suite accepts it/,
    },
    {
      status: 401,
      error: 'invalid_request',
      verdict: 'fail',
      reason: /invalid_request counts with HTTP 400 only \(RFC 6749 §5\.2\), not 401$/,
    },
    {
      status: 400,
      error: 'invalid_grant',
      verdict: 'fail',
      reason:
        /, which does not count: it says the grant is invalid, but a client_credentials request carries none.*; expected invalid_client$/,
    },
    {
      status: 400,
      error: 'unauthorized_client',
      verdict: 'fail',
      reason:
        /, which does not count: it says "the authenticated client is not authorized".*; expected invalid_client$/,
    },
    {
      status: 403,
      error: 'access_denied',
      verdict: 'fail',
      reason: /but a failed client authentication is 400\/401 invalid_client/,
    },
  ];
  for (const { status, error, verdict, reason } of answers) {
    it(`token-without-cert: HTTP ${status} ${error} ${verdict === 'pass' ? 'counts' : 'does not count'}, and the reason says which error and why`, async () => {
      await using server = await new MockMtlsServer(fixtures.identity('server'))
        .withClientAuth('optional')
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .withRoute('POST', '/oauth2/token', () => ({
          status,
          body: { error, error_description: 'no client certificate' },
        }))
        .start();
      const [result] = await run(context(`${server.url}/oauth2/token`, oauth), ['token-without-cert']);

      expect(result?.verdict, result?.reason).to.equal(verdict);
      expect(result?.reason).to.include(`HTTP ${status} ${error} ("no client certificate")`);
      expect(result?.reason).to.match(reason);
    });
  }

  it("says which of the client certificate's names oauth.expectedSubject is, when the token is issued", async () => {
    await using started = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp1.demo.axway.com' })
      .start();
    const [result] = await run(context(started.tokenEndpoint, oauth), ['token-with-registered-cert']);

    expect(result?.verdict).to.equal('pass');
    expect(result?.reason).to.match(
      /; oauth\.expectedSubject "tpp1\.demo\.axway\.com" is a SAN of tpp1's certificate$/,
    );
  });

  it("fails token-with-registered-cert when expectedSubject is not the certificate's, even though the server issued a token", async () => {
    // A server that does not compare the registered subject at all: the mismatch is never silent.
    await using started = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp9.demo.axway.com' })
      .withFlaw('accepts-any-certificate-for-client')
      .start();
    const declared = { ...oauth, expectedSubject: 'tpp9.demo.axway.com' };
    const [result] = await run(context(started.tokenEndpoint, declared), ['token-with-registered-cert']);

    expect(result?.verdict).to.equal('fail');
    expect(result?.reason).to.match(
      /^200 with a Bearer access token \(JWT, expires_in 300\), but oauth\.expectedSubject "tpp9\.demo\.axway\.com" matches neither the subject nor a SAN of tpp1's certificate \(subject .+CN=tpp1\.demo\.axway\.com.*\): the token went to a certificate without the subject the client is declared to be registered with; correct oauth\.expectedSubject, or the registration$/,
    );
  });
});
