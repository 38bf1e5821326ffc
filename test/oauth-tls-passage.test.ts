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
import type { Observation } from '../harness/probe/observation.ts';
import { describeTlsPassage, type TlsControls } from '../harness/runner/oauth/tls-passage.ts';
import { planOAuthSuite } from '../suites/oauth/oauth-suite.ts';
import { testFixtures } from './support/fixtures.ts';

/** An observation of a connection that reached the application, with what the TLS 1.2 reading saw. */
function reached(fields: Partial<Observation>): Observation {
  return {
    url: 'https://127.0.0.1:9443/oauth2/token',
    outcome: 'accepted',
    stage: 'http',
    reason: 'server answered HTTP 401',
    http: { status: 401, headers: {}, bodyExcerpt: '' },
    acceptableCaNames: { obtained: false, why: 'not read' },
    timings: { totalMs: 1 },
    ...fields,
  };
}
const { http: _http, ...withoutHttp } = reached({});
const refusedAtHandshake: Observation = {
  ...withoutHttp,
  outcome: 'rejected',
  stage: 'tls-handshake',
  reason: 'server sent TLS alert 48 unknown_ca during the handshake',
};
const served = reached({
  reason: 'server answered HTTP 404',
  http: { status: 404, headers: {}, bodyExcerpt: '' },
});

describe('what the TLS layer did, as the oauth suite reports it: observed, never inferred (issue 19)', function () {
  this.timeout(60_000);

  const cases: Array<{
    name: string;
    observation: Observation;
    controls: TlsControls;
    text: string;
    sent: boolean | undefined;
  }> = [
    {
      name: 'asked for, naming CAs; a client without one refused; the unverifiable one refused',
      observation: reached({
        tls: { clientCertificateRequested: true, serverChain: [] },
        acceptableCaNames: { obtained: true, names: ['C=BR, O=Axway, CN=Axway Root CA', 'O=Other'] },
      }),
      controls: {
        withoutCertificate: refusedAtHandshake,
        unverifiable: { fixture: 'rogue', ca: 'rogue-ca', observation: refusedAtHandshake },
      },
      text: "the server asked for a client certificate, naming 2 CAs: CN=Axway Root CA, O=Other; the handshake completed with tpp2's certificate; a client without a certificate is refused by the TLS layer (required); a certificate from rogue-ca (fixture rogue) is refused by the TLS layer, so it verifies certificates",
      sent: true,
    },
    {
      name: 'asked for, not required, not verified (optional_no_ca): no claim that it verified tpp2',
      observation: reached({
        tls: { clientCertificateRequested: true, serverChain: [] },
        acceptableCaNames: { obtained: true, names: [] },
      }),
      controls: {
        withoutCertificate: served,
        unverifiable: { fixture: 'rogue', ca: 'rogue-ca', observation: served },
      },
      text: "the server asked for a client certificate, naming no CA; the handshake completed with tpp2's certificate; a client without a certificate completes the handshake too (asked for, not required); a certificate from rogue-ca (fixture rogue), which the target is not declared to trust, completes the handshake too, so the TLS layer was not seen to verify tpp2's",
      sent: true,
    },
    {
      name: 'not asked for: the certificate was never sent',
      observation: reached({
        tls: { clientCertificateRequested: false, serverChain: [] },
        acceptableCaNames: { obtained: false, why: 'the server sends no CertificateRequest' },
      }),
      controls: {},
      text: "the server did not ask for a client certificate (no CertificateRequest in its TLS 1.2 handshake), so tpp2's was not sent",
      sent: false,
    },
    {
      name: 'not seen (TLS 1.3 only), no controls: says so',
      observation: reached({
        tls: { serverChain: [] },
        acceptableCaNames: { obtained: false, why: 'the server refuses TLS 1.2' },
      }),
      controls: {},
      text: "whether the server asked for a client certificate was not seen (the server refuses TLS 1.2); the handshake completed, tpp2's certificate offered; whether the TLS layer verified tpp2's certificate was not seen",
      sent: undefined,
    },
  ];
  for (const { name, observation, controls, text, sent } of cases) {
    it(name, () => {
      expect(describeTlsPassage(observation, 'tpp2', controls)).to.deep.equal({
        text,
        certificateSent: sent,
      });
    });
  }

  describe('against a mock authorization server whose TLS layer asks for a certificate, requires none and verifies none', () => {
    let fixtures: FixtureSet;
    before(async () => {
      fixtures = await testFixtures();
    });

    it('passes (the token endpoint checks the chain itself) without saying the TLS layer accepted or verified tpp2', async () => {
      const oauth: OAuthDeclaration = {
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        expectedSubject: 'tpp1.demo.axway.com',
        resourceUrl: '/resource',
      };
      await using started = await new MockAuthorizationServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
        .withClient({
          clientId: 'tpp1',
          authMethod: 'tls_client_auth',
          subject: 'tpp1.demo.axway.com',
          issuersPem: fixtures.certificatePem('ca1'),
        })
        .withUnverifyingTlsLayer()
        .start();
      const target: TargetContext = {
        declaration: {
          name: 'want-no-verify',
          url: started.tokenEndpoint,
          trusts: ['ca1', 'ca2'],
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
      const planned = planOAuthSuite(target, {}, new BoundedPool(4));
      const results = (await Promise.all(planned.map((scenario) => scenario.result))).filter(
        (result): result is ScenarioResult => result !== undefined,
      );

      expect(results.filter((result) => result.verdict !== 'pass').map((result) => result.id)).to.deep.equal(
        [],
      );
      const other = results.find((result) => result.id === 'token-with-other-clients-cert');
      expect(other?.reason).to.include(
        "the handshake completed with tpp2's certificate; a client without a certificate completes the handshake too (asked for, not required); a certificate from rogue-ca (fixture rogue), which the target is not declared to trust, completes the handshake too, so the TLS layer was not seen to verify tpp2's",
      );
      for (const result of results) {
        expect(result.reason, result.id).not.to.match(
          /got through the TLS layer|so it verifies certificates/,
        );
      }
      // The twin from rogue-ca gets through this TLS layer too: the token endpoint must refuse it itself.
      const impostor = results.find((result) => result.id === 'token-with-impostor-cert');
      expect(impostor?.reason).to.match(
        /; tpp1-from-rogue was refused by the token endpoint with HTTP 401 invalid_client \("the certificate does not chain to a trusted CA: /,
      );
    });
  });
});

describe('a token endpoint whose TLS layer never asks for a certificate: the other clients were not exercised', function () {
  this.timeout(60_000);

  it('skips token-with-other-clients-cert, saying the certificates were never sent, however right the 401 invalid_client', async () => {
    const fixtures = await testFixtures();
    await using server = await new MockMtlsServer(fixtures.identity('server'))
      .withClientAuth('none')
      .withRoute('POST', '/oauth2/token', () => ({
        status: 401,
        body: { error: 'invalid_client', error_description: 'unknown client' },
      }))
      .start();
    const target: TargetContext = {
      declaration: {
        name: 'no-request',
        url: `${server.url}/oauth2/token`,
        trusts: ['ca1', 'ca2'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        oauth: { clientId: 'tpp1', authMethod: 'tls_client_auth' },
      },
      fixtures,
      trustedIdentity: {
        identity: fixtures.identity('tpp1'),
        files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
      },
      serverTrust: { pem: fixtures.certificatePem('ca1'), file: fixtures.path('ca1', 'crt') },
      timeouts: {},
    };
    const planned = planOAuthSuite(target, { only: ['token-with-other-clients-cert'] }, new BoundedPool(2));
    const [result] = await Promise.all(planned.map((scenario) => scenario.result));

    expect(result?.verdict).to.equal('skip');
    const notSent = (who: string) =>
      `${who} was refused by the token endpoint with HTTP 401 invalid_client ("unknown client"), but the server did not ask for a client certificate (no CertificateRequest in its TLS 1.2 handshake), so ${who}'s was not sent`;
    expect(result?.reason).to.equal(
      `no certificate reached the token endpoint (${notSent('tpp2')}; ${notSent('tpp3')}): the binding of client_id to certificate was not exercised`,
    );
  });
});
