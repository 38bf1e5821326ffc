import { expect } from 'chai';
import {
  BoundedPool,
  MockAuthorizationServer,
  type OAuthDeclaration,
  type ScenarioResult,
  type StartedMockAuthorizationServer,
  type TargetContext,
} from '../harness/index.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { tokenWithImpostorCert } from '../harness/scenarios/oauth/token-with-impostor-cert.ts';
import type { FixtureFacts, TargetDeclaration } from '../harness/scenarios/scenario.ts';
import { planOAuthSuite } from '../suites/oauth/oauth-suite.ts';
import { testFixtures } from './support/fixtures.ts';

const ids = ['token-with-impostor-cert', 'resource-with-token-no-cert'];
const oauth: OAuthDeclaration = {
  clientId: 'tpp1',
  authMethod: 'tls_client_auth',
  expectedSubject: 'tpp1.demo.axway.com',
  resourceUrl: '/resource',
};

describe("oauth suite: tpp1's twins from another CA, and the bound token without a certificate (issue 19)", function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  /** tpp1 registered by its DNS SAN under ca1 only, as RFC 8705 §7.4 has a subject agreed with its CA. */
  function mock(trusts: string[]): MockAuthorizationServer {
    return new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(trusts))
      .withClient({
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        subject: 'tpp1.demo.axway.com',
        issuersPem: fixtures.certificatePem('ca1'),
      });
  }

  function context(started: StartedMockAuthorizationServer, trusts: string[]): TargetContext {
    return {
      declaration: {
        name: 'mock-as',
        url: started.tokenEndpoint,
        trusts,
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        oauth,
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

  async function run(target: TargetContext, only?: string[]): Promise<ScenarioResult[]> {
    const planned = planOAuthSuite(target, only ? { only } : {}, new BoundedPool(4));
    const results = await Promise.all(planned.map((scenario) => scenario.result));
    return results.filter((result): result is ScenarioResult => result !== undefined);
  }
  const byId = (results: readonly ScenarioResult[], id: string): ScenarioResult => {
    const found = results.find((result) => result.id === id);
    if (found === undefined) throw new Error(`no result for ${id}`);
    return found;
  };
  const failing = (results: readonly ScenarioResult[]) =>
    results.filter((result) => result.verdict === 'fail').map((result) => result.id);

  it('passes both against the correct mock: the twin from ca2 gets through TLS and is refused by the token endpoint, the one from rogue-ca at the handshake', async () => {
    await using started = await mock(['ca1', 'ca2']).start();
    const results = await run(context(started, ['ca1', 'ca2']), ids);

    expect(results.map((result) => `${result.id}: ${result.verdict}`)).to.deep.equal(
      ids.map((id) => `${id}: pass`),
    );
    const impostor = byId(results, 'token-with-impostor-cert');
    expect(impostor.expected).to.equal('rejected');
    expect(impostor.reason).to.match(
      /^tpp1-from-ca2 was refused by the token endpoint with HTTP 401 invalid_client \("the certificate does not chain to a trusted CA: .+"\); TLS: the server asked for a client certificate, naming 2 CAs: CN=Axway Root CA, CN=Axway Root CA; the handshake completed with tpp1-from-ca2's certificate; .+; tpp1-from-rogue was refused at the TLS layer: /,
    );
    expect(impostor.steps?.map((step) => step.label)).to.deep.equal([
      'tpp1-from-ca2 (from ca2)',
      'tpp1-from-rogue (from rogue-ca)',
    ]);
    // ca2 has ca1's very DN: only the serial tells the twin from tpp1, as in the OIDF suite's fakes.
    expect(impostor.observed?.clientCertificate?.serialNumber).to.equal(
      fixtures.identity('tpp1-from-ca2').certificate.serialNumber,
    );
    expect(impostor.observed?.clientCertificate?.issuer).to.equal(
      fixtures.identity('tpp1').certificate.issuer,
    );
    expect(byId(results, 'resource-with-token-no-cert').reason).to.equal(
      'refused with HTTP 401 invalid_token (WWW-Authenticate: Bearer realm="mock", error="invalid_token", error_description="the token is certificate-bound but no certificate was presented")',
    );
  });

  it('accepts-impostor-subject: token-with-impostor-cert fails, and only it, naming the twin, its CA and RFC 8705 §7.4', async () => {
    await using started = await mock(['ca1', 'ca2']).withFlaw('accepts-impostor-subject').start();
    const results = await run(context(started, ['ca1', 'ca2']));

    expect(failing(results)).to.deep.equal(['token-with-impostor-cert']);
    const impostor = byId(results, 'token-with-impostor-cert');
    expect(impostor.reason).to.equal(
      "a token was issued to tpp1-from-ca2 (HTTP 200): its subject and SANs are tpp1's but it comes from ca2: the server matches the registered subject without checking the CA the client is registered under (RFC 8705 §7.4, X.509 certificate spoofing)",
    );
    expect(impostor.observed?.clientCertificate?.subject).to.include('CN=tpp1.demo.axway.com');
    expect(impostor.reproduce).to.match(
      /--cert \S+tpp1-from-ca2\.crt --key \S+tpp1-from-ca2\.key https:\S+\/oauth2\/token --request POST/,
    );
    // The token issued to the twin is in the report only without its signature.
    expect(impostor.observed?.http?.body).to.match(
      /"access_token":"eyJ[\w-]+\.eyJ[\w-]+\.\(signature redacted\)"/,
    );
  });

  it('resource-serves-without-cert: resource-with-token-no-cert fails, and only it, with a command that replays the token without a certificate', async () => {
    await using started = await mock(['ca1', 'ca2']).withFlaw('resource-serves-without-cert').start();
    const results = await run(context(started, ['ca1', 'ca2']));

    expect(failing(results)).to.deep.equal(['resource-with-token-no-cert']);
    const replay = byId(results, 'resource-with-token-no-cert');
    expect(replay.reason).to.equal(
      'the resource served the certificate-bound token to a client that presented no certificate (HTTP 200): it checks the binding only when a certificate is there (RFC 8705 §3)',
    );
    expect(replay.observed?.clientCertificate).to.equal(undefined);
    const [, resourceLine] = (replay.reproduce ?? '').split('\n');
    expect(resourceLine).to.match(
      /^curl -v --cacert \S+ca1\.crt https:\S+\/resource --header "Authorization: Bearer \$ACCESS_TOKEN"$/,
    );
  });

  it('skips token-with-impostor-cert, saying why, when the TLS layer lets neither twin through', async () => {
    await using started = await mock(['ca1']).start();
    const results = await run(context(started, ['ca1']), ['token-with-impostor-cert']);

    const [impostor] = results;
    expect(impostor?.verdict).to.equal('skip');
    expect(impostor?.reason).to.match(
      /^no certificate reached the token endpoint \(tpp1-from-ca2 was refused at the TLS layer: .+; tpp1-from-rogue was refused at the TLS layer: .+\): the token endpoint's check of the CA a client is registered under was not exercised$/,
    );
  });

  it('expects nothing to judge when the fixture set has no twin (a custom spec), or the registered client is not tpp1', () => {
    const declaration: TargetDeclaration = {
      name: 't',
      url: 'https://127.0.0.1:9443/oauth2/token',
      trusts: ['ca1'],
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      oauth,
    };
    const withoutTwins: FixtureFacts = {
      issuerOf: (name) => fixtures.issuerOf(name.startsWith('tpp1-from') ? 'no-such-fixture' : name),
      rootOf: (name) => fixtures.rootOf(name.startsWith('tpp1-from') ? 'no-such-fixture' : name),
    };
    expect(tokenWithImpostorCert.expect(declaration, withoutTwins)).to.deep.equal({
      expected: 'informational',
      because:
        'the fixture set has none of tpp1-from-ca2, tpp1-from-rogue (regenerate the fixtures with the built-in spec): no impostor to present',
    });
    expect(
      tokenWithImpostorCert.expect({ ...declaration, trustedIdentity: 'partner.p12' }, fixtures),
    ).to.deep.equal({
      expected: 'informational',
      because:
        "the registered client is the target's own identity (partner.p12), whose subject tpp1's twins do not carry: no impostor to present",
    });
    expect(tokenWithImpostorCert.expect(declaration, fixtures).because).to.match(
      /^tpp1-from-ca2 \(ca2\) and tpp1-from-rogue \(rogue-ca\) carry the subject registered for client_id "tpp1"/,
    );
  });
});
