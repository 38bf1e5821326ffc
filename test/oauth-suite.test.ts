import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  BoundedPool,
  certificateThumbprint,
  MockAuthorizationServer,
  type OAuthDeclaration,
  type ScenarioResult,
  type ScenarioSelection,
  type StartedMockAuthorizationServer,
  type TargetContext,
} from '../harness/index.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { planOAuthSuite } from '../suites/oauth/oauth-suite.ts';
import { testFixtures } from './support/fixtures.ts';

const allIds = [
  'token-with-registered-cert',
  'token-without-cert',
  'token-with-other-clients-cert',
  'token-bound-to-cert',
  'resource-with-bound-token',
  'resource-with-stolen-token',
  'metadata-advertises-mtls',
  'token-with-impostor-cert',
  'resource-with-token-no-cert',
];

describe('oauth suite (RFC 8705) against the mock authorization server', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  /** The mock with tpp1 registered as the declaration says, and tpp2 as a second client. */
  function mock(oauth: OAuthDeclaration, trusts: string[] = ['ca1', 'ca2']): MockAuthorizationServer {
    const server = new MockAuthorizationServer(fixtures.identity('server')).withTrust(
      fixtures.trustBundlePem(trusts),
    );
    server.withClient(
      oauth.authMethod === 'tls_client_auth'
        ? {
            clientId: 'tpp1',
            authMethod: 'tls_client_auth',
            subject: oauth.expectedSubject ?? 'tpp1.demo.axway.com',
            // Registered under its own CA (RFC 8705 §7.4): tpp1's twin from ca2 is not tpp1.
            issuersPem: fixtures.certificatePem('ca1'),
          }
        : {
            clientId: 'tpp1',
            authMethod: 'self_signed_tls_client_auth',
            certificatesPem: [fixtures.certificatePem('tpp1')],
          },
    );
    return server.withClient({
      clientId: 'tpp2',
      authMethod: 'tls_client_auth',
      subject: 'tpp2.demo.axway.com',
      issuersPem: fixtures.certificatePem('ca2'),
    });
  }

  function context(
    started: StartedMockAuthorizationServer,
    oauth: OAuthDeclaration | undefined,
    fields: { url?: string; trusts?: string[]; identity?: string } = {},
  ): TargetContext {
    const identity = fields.identity ?? 'tpp1';
    return {
      declaration: {
        name: 'mock-as',
        url: fields.url ?? started.tokenEndpoint,
        trusts: fields.trusts ?? ['ca1', 'ca2'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        ...(oauth === undefined ? {} : { oauth }),
      },
      fixtures,
      trustedIdentity: {
        identity: fixtures.identity(identity),
        files: { certFile: fixtures.path(identity, 'crt'), keyFile: fixtures.path(identity, 'key') },
      },
      serverTrust: { pem: fixtures.certificatePem('ca1'), file: fixtures.path('ca1', 'crt') },
      timeouts: {},
    };
  }

  async function runSuite(
    target: TargetContext,
    selection: ScenarioSelection = {},
    concurrency = 8,
  ): Promise<ScenarioResult[]> {
    const planned = planOAuthSuite(target, selection, new BoundedPool(concurrency));
    const results = await Promise.all(planned.map((scenario) => scenario.result));
    return results.filter((result): result is ScenarioResult => result !== undefined);
  }

  const verdicts = (results: readonly ScenarioResult[]) =>
    results.map((result) => `${result.id}: ${result.verdict} (${result.reason})`);
  const failing = (results: readonly ScenarioResult[]) =>
    results.filter((result) => result.verdict === 'fail').map((result) => result.id);
  const byId = (results: readonly ScenarioResult[], id: string): ScenarioResult => {
    const found = results.find((result) => result.id === id);
    if (found === undefined) throw new Error(`no result for ${id}`);
    return found;
  };

  const correctCases: Array<{ name: string; oauth: () => OAuthDeclaration }> = [
    {
      name: 'tls_client_auth by DNS SAN',
      oauth: () => ({
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        expectedSubject: 'tpp1.demo.axway.com',
        resourceUrl: '/resource',
      }),
    },
    {
      name: 'tls_client_auth by subject DN',
      oauth: () => ({
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        expectedSubject: fixtures.identity('tpp1').certificate.subject,
        resourceUrl: '/resource',
        scope: 'accounts',
      }),
    },
    {
      name: 'self_signed_tls_client_auth',
      oauth: () => ({
        clientId: 'tpp1',
        authMethod: 'self_signed_tls_client_auth',
        resourceUrl: '/resource',
      }),
    },
  ];
  for (const { name, oauth } of correctCases) {
    it(`passes every scenario against the correct mock: ${name}`, async () => {
      await using started = await mock(oauth()).start();
      const results = await runSuite(context(started, oauth()));

      expect(results.map((result) => result.id)).to.deep.equal(allIds);
      expect(verdicts(results).filter((line) => !line.includes(': pass ('))).to.deep.equal([]);
      expect(byId(results, 'token-bound-to-cert').reason).to.match(
        /^the access token \(JWT\)'s cnf x5t#S256 is [\w-]{43}, the SHA-256/,
      );
      expect(byId(results, 'resource-with-stolen-token').reason).to.include(
        'refused by the resource with HTTP 401 invalid_token',
      );
      // With ca2 trusted, tpp2 (the seed's second TPP) is still the other client.
      for (const id of ['token-with-other-clients-cert', 'resource-with-stolen-token']) {
        expect(byId(results, id).observed?.clientCertificate?.subject, id).to.include(
          'CN=tpp2.demo.axway.com',
        );
        // What TLS did is observed, not inferred from trusts: asked for, completed with it, verified.
        expect(byId(results, id).reason, id).to.match(
          /^tpp2 was refused by the (token endpoint|resource) with HTTP 401 .+; TLS: the server asked for a client certificate, naming .+; the handshake completed with tpp2's certificate; .+; a certificate from rogue-ca \(fixture rogue\) is refused by the TLS layer, so it verifies certificates/,
        );
      }
    });
  }

  it('reads the binding of an opaque token through introspection, and finds the token endpoint among the mtls_endpoint_aliases', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).withTokenFormat('opaque').withMtlsEndpointAliases().start();
    const alias = started.mtlsTokenEndpoint;
    expect(alias).to.equal(`${started.url}/mtls/oauth2/token`);
    const results = await runSuite(context(started, oauth, { url: alias as string }));

    expect(failing(results)).to.deep.equal([]);
    const binding = byId(results, 'token-bound-to-cert');
    expect(binding.reason).to.match(/^the introspection answer's cnf x5t#S256 is /);
    expect(binding.steps?.map((step) => step.label)).to.deep.equal([
      'token request (shared with token-with-registered-cert)',
      'metadata (for introspection_endpoint)',
      'introspection',
    ]);
    expect(byId(results, 'metadata-advertises-mtls').reason).to.include(
      'advertised as mtls_endpoint_aliases.token_endpoint',
    );
  });

  it('issues-unbound-tokens: token-bound-to-cert and resource-with-stolen-token fail, with the evidence and a way to reproduce', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).withFlaw('issues-unbound-tokens').start();
    const results = await runSuite(context(started, oauth));

    expect(failing(results)).to.deep.equal([
      'token-bound-to-cert',
      'resource-with-stolen-token',
      'resource-with-token-no-cert',
    ]);
    expect(byId(results, 'token-bound-to-cert').reason).to.match(
      /^the access token \(JWT\) has no cnf claim: the token is not bound/,
    );
    const stolen = byId(results, 'resource-with-stolen-token');
    expect(stolen.reason).to.equal(
      "the resource served the token over tpp2's connection (HTTP 200): the token is not bound to its certificate, or the resource does not check the binding (RFC 8705 §3)",
    );
    expect(stolen.observed?.clientCertificate?.subject).to.include('CN=tpp2.demo.axway.com');
    const [tokenLine, resourceLine] = (stolen.reproduce ?? '').split('\n');
    expect(tokenLine).to.match(
      /^ACCESS_TOKEN=\$\(curl -v --cacert \S+ca1\.crt --cert \S+tpp1\.crt --key \S+tpp1\.key https:\S+\/oauth2\/token --request POST --data-urlencode grant_type=client_credentials --data-urlencode client_id=tpp1 \| jq -r \.access_token\)$/,
    );
    expect(resourceLine).to.match(
      /--cert \S+tpp2\.crt --key \S+tpp2\.key https:\S+\/resource --header "Authorization: Bearer \$ACCESS_TOKEN"$/,
    );
    // The commands reproduce the failure by hand: the stolen token is served, the token has no cnf.
    const shell = promisify(execFile);
    const replayed = await shell('sh', ['-c', stolen.reproduce ?? 'false']);
    expect(replayed.stdout).to.equal('{"status":"ok","client_id":"tpp1"}');
    const binding = await shell('sh', ['-c', byId(results, 'token-bound-to-cert').reproduce ?? 'false']);
    const thumbprint = certificateThumbprint(fixtures.certificatePem('tpp1'));
    expect(binding.stdout).to.equal(`null\n${thumbprint}\n`);
  });

  it('accepts-any-certificate-for-client: token-without-cert and token-with-other-clients-cert fail', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).withFlaw('accepts-any-certificate-for-client').start();
    const results = await runSuite(context(started, oauth));

    expect(failing(results)).to.deep.equal([
      'token-without-cert',
      'token-with-other-clients-cert',
      'token-with-impostor-cert',
    ]);
    // Every other client the TLS layer lets through is tried, not only the first (issue 19).
    expect(byId(results, 'token-with-other-clients-cert').reason).to.equal(
      'a token was issued to tpp2 (HTTP 200): the client_id is not bound to its certificate (RFC 8705 §2); a token was issued to tpp3 (HTTP 200): the client_id is not bound to its certificate (RFC 8705 §2)',
    );
    expect(byId(results, 'token-with-other-clients-cert').steps?.map((step) => step.label)).to.deep.equal([
      'tpp2 (from ca2)',
      'tpp3 (from ca1)',
    ]);
    expect(byId(results, 'token-without-cert').reproduce).to.match(
      /^curl -v --cacert \S+ca1\.crt https:\S+\/oauth2\/token --request POST --data-urlencode grant_type=client_credentials --data-urlencode client_id=tpp1$/,
    );
  });

  it('keeps access tokens out of the results: a JWT loses its signature, and no command carries one', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).withFlaw('accepts-any-certificate-for-client').start();
    const results = await runSuite(context(started, oauth));

    const text = JSON.stringify(results);
    const tokens = [...text.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([^"\\]+)/g)].map((match) => match[1]);
    expect(tokens).to.have.length.above(0);
    expect(new Set(tokens)).to.deep.equal(new Set(['(signature redacted)']));
    const issued = byId(results, 'token-with-registered-cert').observed?.http;
    expect(issued?.body).to.match(
      /^\{"access_token":"eyJ[\w-]+\.eyJ[\w-]+\.\(signature redacted\)","token_type":"Bearer"/,
    );
    expect(issued?.bodyExcerpt).to.equal(issued?.body?.slice(0, issued.bodyExcerpt.length));
  });

  it('requests the token once, whatever the order, and finishes on a pool of one probe at a time', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).start();
    const results = await runSuite(
      context(started, oauth),
      { only: ['resource-with-stolen-token', 'resource-with-bound-token', 'token-bound-to-cert'] },
      1,
    );

    expect(verdicts(results).every((line) => line.includes(': pass ('))).to.equal(
      true,
      verdicts(results).join('\n'),
    );
    const tokenRequests = started.connections
      .flatMap((record) => record.requests)
      .filter((request) => request.path === '/oauth2/token');
    expect(tokenRequests).to.deep.equal([{ method: 'POST', path: '/oauth2/token', status: 200 }]);
  });

  it('fails the scenarios that need a token, pointing at token-with-registered-cert, when the client_id is not registered', async () => {
    const registered: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(registered).start();
    const results = await runSuite(context(started, { ...registered, clientId: 'not-registered' }));

    expect(failing(results)).to.deep.equal([
      'token-with-registered-cert',
      'token-bound-to-cert',
      'resource-with-bound-token',
      'resource-with-stolen-token',
      'resource-with-token-no-cert',
    ]);
    expect(byId(results, 'token-with-registered-cert').reason).to.equal(
      'expected 200 with an access token, got HTTP 401 invalid_client ("client_id not-registered is not registered")',
    );
    for (const id of ['token-bound-to-cert', 'resource-with-bound-token', 'resource-with-stolen-token']) {
      expect(byId(results, id).reason, id).to.match(
        /^no access token to use: token-with-registered-cert did not obtain one \(expected 200/,
      );
    }
  });

  it('says so when the declared expectedSubject does not match the certificate presented', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      expectedSubject: 'tpp9.demo.axway.com',
    };
    await using started = await mock(oauth).start();
    const results = await runSuite(context(started, oauth), { only: ['token-with-registered-cert'] });

    expect(results[0]?.reason).to.match(
      /; note: oauth\.expectedSubject "tpp9\.demo\.axway\.com" matches neither the subject nor a SAN of tpp1's certificate$/,
    );
  });

  it('skips the resource scenarios without a resourceUrl, and fails the metadata scenario on a document that is not metadata', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      metadataUrl: '/.well-known/openid-configuration',
    };
    await using started = await mock(oauth).start();
    const results = await runSuite(context(started, oauth));

    expect(
      results.filter((result) => result.verdict === 'skip').map((result) => [result.id, result.reason]),
    ).to.deep.equal([
      [
        'resource-with-bound-token',
        'no oauth.resourceUrl declared: give the protected resource that accepts these tokens',
      ],
      [
        'resource-with-stolen-token',
        'no oauth.resourceUrl declared: give the protected resource that accepts these tokens',
      ],
      [
        'resource-with-token-no-cert',
        'no oauth.resourceUrl declared: give the protected resource that accepts these tokens',
      ],
    ]);
    expect(byId(results, 'metadata-advertises-mtls').reason).to.equal(
      `the document at ${started.url}/.well-known/openid-configuration is not authorization server metadata: it has no issuer (RFC 8414 §2); set oauth.metadataUrl`,
    );
  });

  describe("another client where the target trusts only ca1 (WSO2's client-truststore.jks): tpp3, not tpp2", () => {
    const otherClientIds = ['token-with-other-clients-cert', 'resource-with-stolen-token'];
    const bound: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    const subjectOf = (result: ScenarioResult) => result.observed?.clientCertificate?.subject;

    const ca1Cases: Array<{ name: string; oauth: OAuthDeclaration; refusal: string; caNames: string }> = [
      {
        name: 'tls_client_auth',
        oauth: bound,
        refusal: "the certificate's subject and SANs do not match the one registered for client_id tpp1",
        caNames: 'the CA CN=Axway Root CA',
      },
      {
        name: 'self_signed_tls_client_auth',
        oauth: { ...bound, authMethod: 'self_signed_tls_client_auth' },
        refusal: 'the certificate presented is not one registered for client_id tpp1',
        // The registered self-signed certificate is trusted at the TLS layer too, as WSO2 imports it.
        caNames: '2 CAs: CN=Axway Root CA, CN=tpp1.demo.axway.com',
      },
    ];
    const tlsSeen = (caNames: string) =>
      `TLS: the server asked for a client certificate, naming ${caNames}; the handshake completed with tpp3's certificate; a client without a certificate completes the handshake too (asked for, not required); a certificate from rogue-ca (fixture rogue) is refused by the TLS layer, so it verifies certificates`;
    for (const { name, oauth, refusal, caNames } of ca1Cases) {
      it(`presents tpp3 and passes on the 401 of the token endpoint and of the resource, not on a TLS refusal: ${name}`, async () => {
        await using started = await mock(oauth, ['ca1']).start();
        const results = await runSuite(context(started, oauth, { trusts: ['ca1'] }), {
          only: otherClientIds,
        });

        expect(verdicts(results)).to.deep.equal([
          `token-with-other-clients-cert: pass (tpp3 was refused by the token endpoint with HTTP 401 invalid_client ("${refusal}"); ${tlsSeen(caNames)})`,
          `resource-with-stolen-token: pass (tpp3 was refused by the resource with HTTP 401 invalid_token (WWW-Authenticate: Bearer realm="mock", error="invalid_token", error_description="the token is bound to another certificate than the one presented"); ${tlsSeen(caNames)})`,
        ]);
        for (const id of otherClientIds) {
          const result = byId(results, id);
          expect(subjectOf(result), id).to.include('CN=tpp3.demo.axway.com');
          expect(result.observed?.http?.status, id).to.equal(401);
          expect(result.expected, id).to.equal('rejected');
          expect(result.expectationBasis, id).to.match(/^tpp3's certificate .*the target trusts/);
        }
        expect(byId(results, 'token-with-other-clients-cert').expectationBasis).to.include(
          'the target trusts ca1, so the token endpoint itself must refuse it',
        );
      });
    }

    it("issues-unbound-tokens: resource-with-stolen-token fails, the token served over tpp3's connection", async () => {
      await using started = await mock(bound, ['ca1']).withFlaw('issues-unbound-tokens').start();
      const results = await runSuite(context(started, bound, { trusts: ['ca1'] }));

      expect(failing(results)).to.deep.equal([
        'token-bound-to-cert',
        'resource-with-stolen-token',
        'resource-with-token-no-cert',
      ]);
      const stolen = byId(results, 'resource-with-stolen-token');
      expect(stolen.reason).to.equal(
        "the resource served the token over tpp3's connection (HTTP 200): the token is not bound to its certificate, or the resource does not check the binding (RFC 8705 §3)",
      );
      expect(subjectOf(stolen)).to.include('CN=tpp3.demo.axway.com');
      expect(stolen.reproduce).to.match(/--cert \S+tpp3\.crt --key \S+tpp3\.key https:\S+\/resource /);
    });

    it('accepts-any-certificate-for-client: token-with-other-clients-cert fails, a token issued to tpp3', async () => {
      await using started = await mock(bound, ['ca1']).withFlaw('accepts-any-certificate-for-client').start();
      const results = await runSuite(context(started, bound, { trusts: ['ca1'] }));

      // Its TLS layer lets anything through (optional_no_ca): the twins from ca2 and rogue-ca get tokens too.
      expect(failing(results)).to.deep.equal([
        'token-without-cert',
        'token-with-other-clients-cert',
        'token-with-impostor-cert',
      ]);
      const other = byId(results, 'token-with-other-clients-cert');
      expect(other.reason).to.equal(
        'a token was issued to tpp3 (HTTP 200): the client_id is not bound to its certificate (RFC 8705 §2)',
      );
      expect(subjectOf(other)).to.include('CN=tpp3.demo.axway.com');
      expect(other.reproduce).to.match(/--cert \S+tpp3\.crt --key \S+tpp3\.key https:\S+\/oauth2\/token /);
    });

    it('fails a token endpoint that takes tpp3 for tpp1 behind a TLS layer that refuses tpp2 (a TLS refusal of tpp2 would have hidden it)', async () => {
      const oauth: OAuthDeclaration = { ...bound, authMethod: 'self_signed_tls_client_auth' };
      // Both certificates registered for client_id tpp1: the binding is broken, the TLS layer is not.
      await using started = await new MockAuthorizationServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .withClient({
          clientId: 'tpp1',
          authMethod: 'self_signed_tls_client_auth',
          certificatesPem: [fixtures.certificatePem('tpp1'), fixtures.certificatePem('tpp3')],
        })
        .start();
      const results = await runSuite(context(started, oauth, { trusts: ['ca1'] }));

      expect(failing(results)).to.deep.equal(['token-with-other-clients-cert']);
      expect(byId(results, 'token-with-other-clients-cert').reason).to.equal(
        'a token was issued to tpp3 (HTTP 200): the client_id is not bound to its certificate (RFC 8705 §2)',
      );
    });

    it('fails, pointing at trusts, when the TLS layer refuses tpp3 although the target is declared to trust ca1', async () => {
      const oauth: OAuthDeclaration = { ...bound, authMethod: 'self_signed_tls_client_auth' };
      // The server trusts ca2 and the registered self-signed certificate, not ca1: the declaration is wrong.
      await using started = await new MockAuthorizationServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca2']))
        .withClient({
          clientId: 'tpp1',
          authMethod: 'self_signed_tls_client_auth',
          certificatesPem: [fixtures.certificatePem('self-signed')],
        })
        .start();
      const target = context(started, oauth, { trusts: ['ca1'], identity: 'self-signed' });
      const results = await runSuite(target, { only: otherClientIds });

      expect(failing(results)).to.deep.equal(otherClientIds);
      expect(byId(results, 'token-with-other-clients-cert').reason).to.match(
        /^tpp3 was refused before the token endpoint \(.+\), although tpp3 chains to ca1, which the target trusts: the binding of client_id to certificate was not exercised; if the target does not accept that CA, correct its trusts$/,
      );
      expect(byId(results, 'resource-with-stolen-token').reason).to.match(
        /^tpp3 was refused at the TLS layer before the token was looked at \(.+\): the binding of the token to its certificate was not exercised, although tpp3 chains to ca1, which the target trusts; correct trusts/,
      );
    });

    it('skips both, sending nothing, when the target trusts neither ca1 nor ca2, saying the binding could not be exercised', async () => {
      await using started = await mock(bound).start();
      const results = await runSuite(context(started, bound, { trusts: ['rogue-ca'] }), {
        only: otherClientIds,
      });

      const why =
        "no other client's certificate would pass the TLS layer (tpp2 chains to ca2, tpp3 chains to ca1; target trusts [rogue-ca])";
      expect(
        results.map((result) => [result.id, result.expected, result.verdict, result.reason]),
      ).to.deep.equal([
        [
          'token-with-other-clients-cert',
          'informational',
          'skip',
          `${why}: the binding could not be exercised`,
        ],
        ['resource-with-stolen-token', 'informational', 'skip', `${why}: the binding could not be exercised`],
      ]);
      expect(results.map((result) => result.observed)).to.deep.equal([null, null]);
      expect(byId(results, 'token-with-other-clients-cert').expectationBasis).to.equal(
        `${why}: the binding of client_id to certificate cannot be exercised`,
      );
      expect(started.connections).to.deep.equal([]);
    });
  });

  it('applies the config: skip with a reason, informational and opposite expectations', async () => {
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      resourceUrl: '/resource',
    };
    await using started = await mock(oauth).withFlaw('accepts-any-certificate-for-client').start();
    const results = await runSuite(context(started, oauth), {
      skip: { 'metadata-advertises-mtls': 'no metadata on this gateway' },
      expect: {
        'token-without-cert': { expected: 'informational', because: 'known issue OPS-12' },
        'token-with-other-clients-cert': { expected: 'accepted', because: 'shared test client' },
      },
    });

    expect(failing(results)).to.deep.equal(['token-with-impostor-cert']);
    expect(byId(results, 'metadata-advertises-mtls')).to.include({
      verdict: 'skip',
      reason: 'skipped: no metadata on this gateway',
    });
    expect(byId(results, 'token-without-cert')).to.include({
      expected: 'informational',
      expectationBasis: 'overridden by config: known issue OPS-12',
    });
    expect(byId(results, 'token-without-cert').reason).to.match(/^reported only: a token was issued/);
    expect(byId(results, 'token-with-other-clients-cert').reason).to.equal(
      'accepted: server answered HTTP 200 OK',
    );
  });

  it('fails every scenario of a target that declares no oauth block, saying what to add', async () => {
    const oauth: OAuthDeclaration = { clientId: 'tpp1', authMethod: 'tls_client_auth' };
    await using started = await mock(oauth).start();
    const results = await runSuite(context(started, undefined));

    expect(failing(results)).to.deep.equal(allIds);
    expect(results[0]?.reason).to.equal(
      'target mock-as declares no oauth block: give oauth.clientId and oauth.authMethod (docs/oauth.md)',
    );
  });
});
