import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import type { MockRequest } from '../harness/servers/http-routes.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

describe('MockMtlsServer HTTP routes', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const server = (): MockMtlsServer =>
    new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.trustBundlePem(['ca1', 'ca2']));
  const asTpp1 = () => ({
    caFile: fixtures.path('ca1', 'crt'),
    cert: fixtures.path('tpp1', 'crt'),
    key: fixtures.path('tpp1', 'key'),
  });

  it('/healthcheck answers 200 {"status":"ok"} (seed 002), other paths echo theirs', async () => {
    await using started = await server().start();
    const health = await runCurl({ url: `${started.url}/healthcheck`, ...asTpp1() });
    const other = await runCurl({ url: `${started.url}/accounts/v1/accounts?page=2`, ...asTpp1() });

    expect([health.status, health.body]).to.deep.equal([200, '{"status":"ok"}']);
    expect([other.status, other.body]).to.deep.equal([200, '{"status":"ok","path":"/accounts/v1/accounts"}']);
    const records = await started.waitForConnections(2);
    expect(records.map((record) => record.requests)).to.deep.equal([
      [{ method: 'GET', path: '/healthcheck', status: 200 }],
      [{ method: 'GET', path: '/accounts/v1/accounts', status: 200 }],
    ]);
  });

  it('a route gets the parsed form body and the client certificate, enough for an RFC 8705 token endpoint', async () => {
    let seen: MockRequest | undefined;
    await using started = await server()
      .withRoute('POST', '/oauth2/token', (tokenRequest) => {
        seen = tokenRequest;
        const leaf = tokenRequest.client.certificates[0];
        if (leaf === undefined) return { status: 401, body: { error: 'invalid_client' } };
        const thumbprint = createHash('sha256').update(leaf.raw).digest('base64url');
        return { status: 200, body: { access_token: 'opaque', cnf: { 'x5t#S256': thumbprint } } };
      })
      .start();
    const result = await runCurl({
      url: `${started.url}/oauth2/token`,
      ...asTpp1(),
      data: 'grant_type=client_credentials&client_id=tpp1&scope=accounts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    const expectedThumbprint = Buffer.from(
      fixtures.identity('tpp1').certificate.fingerprintSha256.replaceAll(':', ''),
      'hex',
    ).toString('base64url');
    expect(result.status).to.equal(200);
    expect(JSON.parse(result.body)).to.deep.equal({
      access_token: 'opaque',
      cnf: { 'x5t#S256': expectedThumbprint },
    });
    expect(seen?.method).to.equal('POST');
    expect(seen?.body).to.deep.equal({
      grant_type: 'client_credentials',
      client_id: 'tpp1',
      scope: 'accounts',
    });
    expect(seen?.client.authorized).to.equal(true);
    expect(seen?.client.chain[0]?.subject).to.include('CN=tpp1.demo.axway.com');
    expect(seen?.connection.verdict).to.equal('accepted');
  });

  it('parses JSON bodies, passes headers and the query, and sends back status, headers and a raw body', async () => {
    await using started = await server()
      .withRoute('PUT', '/echo', (echo) => ({
        status: 201,
        headers: { 'X-Echo': String(echo.headers['x-request-id']) },
        body: `${JSON.stringify(echo.body)} ${echo.query.get('q')}`,
      }))
      .start();
    const result = await runCurl({
      url: `${started.url}/echo?q=1`,
      ...asTpp1(),
      method: 'PUT',
      data: '{"a":[1,2]}',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-7' },
    });
    expect([result.status, result.body]).to.deep.equal([201, '{"a":[1,2]} 1']);
  });

  it('a later route replaces the built-in /healthcheck; a route only answers its method', async () => {
    await using started = await server()
      .withRoute('GET', '/healthcheck', () => ({ status: 503, body: { status: 'down' } }))
      .start();
    const get = await runCurl({ url: `${started.url}/healthcheck`, ...asTpp1() });
    const post = await runCurl({ url: `${started.url}/healthcheck`, ...asTpp1(), method: 'POST', data: '' });
    expect([get.status, get.body]).to.deep.equal([503, '{"status":"down"}']);
    expect([post.status, post.body]).to.deep.equal([200, '{"status":"ok"}']);
  });

  it('a handler that throws becomes a 500 that says so, and the server carries on', async () => {
    await using started = await server()
      .withRoute('*', '/boom', () => {
        throw new Error('handler bug');
      })
      .start();
    const boom = await runCurl({ url: `${started.url}/boom`, ...asTpp1() });
    const after = await runCurl({ url: `${started.url}/healthcheck`, ...asTpp1() });
    expect([boom.status, JSON.parse(boom.body)]).to.deep.equal([
      500,
      { error: 'route handler failed', message: 'handler bug' },
    ]);
    expect(after.status).to.equal(200);
  });

  it('records every request of a keep-alive connection on that connection', async () => {
    await using started = await server().start();
    const identity = fixtures.identity('tpp1');
    const agent = new Agent({
      keepAlive: true,
      maxSockets: 1,
      ca: fixtures.certificatePem('ca1'),
      key: identity.privateKeyPem,
      cert: identity.certificatePem,
    });
    const get = (path: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        request(`${started.url}${path}`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        })
          .on('error', reject)
          .end();
      });
    expect([await get('/healthcheck'), await get('/resource')]).to.deep.equal([200, 200]);
    agent.destroy();

    expect(started.connections).to.have.length(1);
    expect(started.connections[0]?.requests.map((entry) => entry.path)).to.deep.equal([
      '/healthcheck',
      '/resource',
    ]);
  });

  it('optional client auth lets a route see that no certificate came (webMethods "Default" style)', async () => {
    await using started = await server()
      .withClientAuth('optional')
      .withRoute('GET', '/whoami', (whoami) =>
        whoami.client.certificates.length === 0
          ? {
              status: 401,
              headers: { 'www-authenticate': 'Basic realm="mock"' },
              body: { error: 'credentials required' },
            }
          : { status: 200, body: { subject: whoami.client.chain[0]?.subject } },
      )
      .start();
    const anonymous = await runCurl({ url: `${started.url}/whoami`, caFile: fixtures.path('ca1', 'crt') });
    const withCertificate = await runCurl({ url: `${started.url}/whoami`, ...asTpp1() });
    expect(anonymous.status).to.equal(401);
    expect(withCertificate.status).to.equal(200);
    expect(withCertificate.body).to.include('CN=tpp1.demo.axway.com');
  });
});
