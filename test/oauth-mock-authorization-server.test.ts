import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { MockAuthorizationServer } from '../harness/servers/mock-authorization-server.ts';
import type { StartedMockAuthorizationServer } from '../harness/servers/started-mock-authorization-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl, type CurlResult } from './support/run-curl.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const tokenForm = (clientId: string) => `grant_type=client_credentials&client_id=${clientId}&scope=accounts`;

/** The claims of a JWT, unverified. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function json(result: CurlResult): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

describe('MockAuthorizationServer (RFC 8705), driven by the real curl and openssl', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const server = () =>
    new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp1.demo.axway.com' });
  const as = (fixture?: string) => ({
    caFile: fixtures.path('ca1', 'crt'),
    ...(fixture === undefined
      ? {}
      : { cert: fixtures.path(fixture, 'crt'), key: fixtures.path(fixture, 'key') }),
  });
  const requestToken = (
    started: StartedMockAuthorizationServer,
    fixture?: string,
    clientId = 'tpp1',
    url = started.tokenEndpoint,
  ) => runCurl({ url, ...as(fixture), method: 'POST', data: tokenForm(clientId), headers: form });

  it('issues tpp1 a token to curl --cert tpp1.crt --key tpp1.key --cacert ca1.crt, and none without a certificate', async () => {
    await using started = await server().start();
    const withCert = await requestToken(started, 'tpp1');
    const withoutCert = await requestToken(started);

    expect(withCert.status, withCert.stderr).to.equal(200);
    expect(json(withCert)).to.include({ token_type: 'Bearer', expires_in: 300, scope: 'accounts' });
    expect(withoutCert.status).to.equal(401);
    expect(json(withoutCert)).to.deep.equal({
      error: 'invalid_client',
      error_description: 'no client certificate was presented; tls_client_auth needs one',
    });
  });

  it("binds the JWT to tpp1: cnf x5t#S256 equals openssl's SHA-256 of the DER certificate, base64url", async () => {
    await using started = await server().start();
    const token = json(await requestToken(started, 'tpp1')).access_token as string;
    const certFile = fixtures.path('tpp1', 'crt');
    const { stdout } = await promisify(execFile)('sh', [
      '-c',
      `openssl x509 -in '${certFile}' -outform DER | openssl dgst -sha256 -binary | basenc --base64url | tr -d '=\\n'`,
    ]);

    expect(stdout).to.match(/^[A-Za-z0-9_-]{43}$/);
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'))).to.include({
      alg: 'RS256',
      typ: 'at+jwt',
    });
    expect(claimsOf(token)).to.deep.include({
      iss: started.url,
      sub: 'tpp1',
      client_id: 'tpp1',
      scope: 'accounts',
      cnf: { 'x5t#S256': stdout },
    });
  });

  it("refuses tpp2's certificate for tpp1's client_id, an unknown client_id, and requests that are not client_credentials", async () => {
    await using started = await server().start();
    const otherCert = await requestToken(started, 'tpp2');
    const unknown = await requestToken(started, 'tpp1', 'nobody');
    const password = await runCurl({
      url: started.tokenEndpoint,
      ...as('tpp1'),
      method: 'POST',
      data: 'grant_type=password&client_id=tpp1',
      headers: form,
    });
    const noClientId = await runCurl({
      url: started.tokenEndpoint,
      ...as('tpp1'),
      method: 'POST',
      data: 'grant_type=client_credentials',
      headers: form,
    });
    const get = await runCurl({ url: started.tokenEndpoint, ...as('tpp1') });

    expect([otherCert.status, json(otherCert).error]).to.deep.equal([401, 'invalid_client']);
    expect([unknown.status, json(unknown).error]).to.deep.equal([401, 'invalid_client']);
    expect([password.status, json(password).error]).to.deep.equal([400, 'unsupported_grant_type']);
    expect([noClientId.status, json(noClientId).error]).to.deep.equal([400, 'invalid_request']);
    expect(get.status).to.equal(405);
  });

  it('serves the resource for the bound token over tpp1, and refuses it over tpp2 with 401 invalid_token (RFC 8705 §3)', async () => {
    await using started = await server().start();
    const token = json(await requestToken(started, 'tpp1')).access_token as string;
    const bearer = { authorization: `Bearer ${token}` };
    const own = await runCurl({ url: started.resourceUrl, ...as('tpp1'), headers: bearer });
    const stolen = await runCurl({ url: started.resourceUrl, ...as('tpp2'), headers: bearer });
    const none = await runCurl({ url: started.resourceUrl, ...as('tpp1') });
    const forged = await runCurl({
      url: started.resourceUrl,
      ...as('tpp1'),
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    });

    expect([own.status, json(own)]).to.deep.equal([
      200,
      { status: 'ok', client_id: 'tpp1', scope: 'accounts' },
    ]);
    expect([stolen.status, json(stolen).error]).to.deep.equal([401, 'invalid_token']);
    expect([none.status, forged.status]).to.deep.equal([401, 401]);
  });

  it("trusting ca1 only: lets tpp3 through TLS, then refuses it tpp1's client_id (invalid_client) and tpp1's token (invalid_token)", async () => {
    await using started = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp1.demo.axway.com' })
      .start();
    const token = json(await requestToken(started, 'tpp1')).access_token as string;
    const otherCert = await requestToken(started, 'tpp3');
    const stolen = await runCurl({
      url: started.resourceUrl,
      ...as('tpp3'),
      headers: { authorization: `Bearer ${token}` },
    });
    const tpp2 = await requestToken(started, 'tpp2');

    expect([otherCert.status, json(otherCert).error]).to.deep.equal([401, 'invalid_client']);
    expect([stolen.status, json(stolen).error]).to.deep.equal([401, 'invalid_token']);
    // tpp2's CA is not trusted: the TLS layer refuses it, so it could not test the binding here.
    expect(tpp2.status).to.equal(0);
  });

  it('authenticates self_signed_tls_client_auth clients by the SHA-256 of the registered certificate, trusted at TLS as WSO2 does', async () => {
    await using started = await new MockAuthorizationServer(fixtures.identity('server'))
      .withClient({
        clientId: 'playground2',
        authMethod: 'self_signed_tls_client_auth',
        certificatesPem: [fixtures.certificatePem('self-signed')],
      })
      .start();
    const registered = await requestToken(started, 'self-signed', 'playground2');
    const unregistered = await requestToken(started, 'tpp1', 'playground2');

    expect(registered.status, registered.body).to.equal(200);
    expect(claimsOf(json(registered).access_token as string)).to.have.nested.property('cnf.x5t#S256');
    // tpp1's CA is not trusted here: the TLS layer refuses it before the token endpoint sees it.
    expect(unregistered.status).to.equal(0);
  });

  it('advertises bound tokens, the auth methods and the mtls_endpoint_aliases, and introspects with cnf (RFC 7662, RFC 8705 §3.2)', async () => {
    await using started = await server().withMtlsEndpointAliases().withTokenFormat('opaque').start();
    const metadata = json(await runCurl({ url: started.metadataUrl, ...as('tpp1') }));
    const viaAlias = await requestToken(started, 'tpp1', 'tpp1', started.mtlsTokenEndpoint);
    const token = json(viaAlias).access_token as string;
    const introspect = (clientId: string, fixture: string) =>
      runCurl({
        url: started.introspectionEndpoint,
        ...as(fixture),
        method: 'POST',
        data: `token=${token}&client_id=${clientId}`,
        headers: form,
      });
    const active = json(await introspect('tpp1', 'tpp1'));
    const byOther = await introspect('tpp1', 'tpp2');

    expect(metadata).to.deep.include({
      issuer: started.url,
      token_endpoint: started.tokenEndpoint,
      token_endpoint_auth_methods_supported: ['tls_client_auth'],
      tls_client_certificate_bound_access_tokens: true,
      mtls_endpoint_aliases: {
        token_endpoint: `${started.url}/mtls/oauth2/token`,
        introspection_endpoint: `${started.url}/mtls/oauth2/introspect`,
      },
    });
    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(active).to.include({ active: true, client_id: 'tpp1' });
    expect(active).to.have.nested.property('cnf.x5t#S256');
    expect(byOther.status).to.equal(401);
  });

  it('issues-unbound-tokens: no cnf, and the resource serves the token over any certificate', async () => {
    await using started = await server().withFlaw('issues-unbound-tokens').start();
    const token = json(await requestToken(started, 'tpp1')).access_token as string;
    const stolen = await runCurl({
      url: started.resourceUrl,
      ...as('tpp2'),
      headers: { authorization: `Bearer ${token}` },
    });

    expect(claimsOf(token)).to.not.have.property('cnf');
    expect(stolen.status).to.equal(200);
  });

  it('accepts-any-certificate-for-client: a token for tpp1 to tpp2, to rogue and to no certificate at all', async () => {
    await using started = await server().withFlaw('accepts-any-certificate-for-client').start();
    const statuses = await Promise.all([
      requestToken(started, 'tpp2'),
      requestToken(started, 'rogue'),
      requestToken(started),
    ]);

    expect(statuses.map((result) => result.status)).to.deep.equal([200, 200, 200]);
  });

  it('refuses to start without a client, a subject, or a CA for tls_client_auth, saying what to call', async () => {
    let message = '';
    try {
      await new MockAuthorizationServer(fixtures.identity('server')).start();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal(
      'Cannot start the mock authorization server (identity "server"): no client is registered: call withClient().',
    );
    expect(() =>
      new MockAuthorizationServer(fixtures.identity('server')).withClient({
        clientId: 'x',
        authMethod: 'tls_client_auth',
        subject: ' ',
      }),
    ).to.throw(
      'Cannot register client "x". tls_client_auth needs a subject: a DN (CN=…, O=…) or a SAN value.',
    );
    try {
      await new MockAuthorizationServer(fixtures.identity('server'))
        .withClient({ clientId: 'x', authMethod: 'tls_client_auth', subject: 'x.example' })
        .start();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include(
      'a tls_client_auth client is registered but no CA is trusted: call withTrust(pemBundle)',
    );
  });
});
