import { expect } from 'chai';
import { once } from 'node:events';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

interface NodeClientResult {
  /** Events in order: `secureConnect`, `error:CODE`, `close`. */
  events: string[];
  status?: number;
}

/** Node's own TLS client: connect, send one GET when the handshake completes, note what happens. */
async function nodeClient(
  port: number,
  tls: '1.2' | '1.3',
  fixtures: FixtureSet,
  name?: string,
): Promise<NodeClientResult> {
  const version = tls === '1.2' ? 'TLSv1.2' : 'TLSv1.3';
  const identity = name === undefined ? undefined : fixtures.identity(name);
  const socket = connect({
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    ca: fixtures.certificatePem('ca1'),
    minVersion: version,
    maxVersion: version,
    ...(identity === undefined ? {} : { key: identity.privateKeyPem, cert: identity.certificatePem }),
  });
  const events: string[] = [];
  let data = '';
  socket.on('secureConnect', () => {
    events.push('secureConnect');
    socket.write('GET /healthcheck HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  });
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
  socket.on('error', (error: Error & { code?: string }) =>
    events.push(`error:${error.code ?? error.message}`),
  );
  // events.once would reject on 'error'; the error is part of what is observed here.
  await new Promise((resolve) => socket.once('close', resolve));
  const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
  return { events, ...(status === undefined ? {} : { status: Number(status) }) };
}

describe("MockMtlsServer's handshake refusal is Node's own", function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  let nodeServer: Server;
  let nodePort: number;

  before(async () => {
    fixtures = await testFixtures();
    // The reference: Node's tls.Server as a Node service configures mTLS.
    nodeServer = createServer(
      {
        key: fixtures.identity('server').privateKeyPem,
        cert: fixtures.certificatePem('server'),
        ca: fixtures.certificatePem('ca1'),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok'),
    );
    nodeServer.on('tlsClientError', () => {});
    nodeServer.listen(0, '127.0.0.1');
    await once(nodeServer, 'listening');
    nodePort = (nodeServer.address() as { port: number }).port;
  });

  after(() => {
    nodeServer.close();
  });

  const identities = [
    undefined,
    'tpp1',
    'tpp2',
    'rogue',
    'expired',
    'not-yet-valid',
    'self-signed',
    'wrong-eku',
  ];

  for (const tls of ['1.2', '1.3'] as const) {
    for (const name of identities) {
      it(`TLS ${tls}, ${name ?? 'no certificate'}: curl gets the same answer from both`, async () => {
        await using mock = await new MockMtlsServer(fixtures.identity('server'))
          .withTrust(fixtures.certificatePem('ca1'))
          .start();
        const request = (port: number) =>
          runCurl({
            url: `https://localhost:${port}/healthcheck`,
            caFile: fixtures.path('ca1', 'crt'),
            tls,
            ...(name === undefined
              ? {}
              : { cert: fixtures.path(name, 'crt'), key: fixtures.path(name, 'key') }),
          });
        const fromNode = await request(nodePort);
        const fromMock = await request(mock.port);

        expect(fromMock.status, fromMock.stderr).to.equal(fromNode.status);
        // A missing certificate is refused by OpenSSL with an alert: the same curl error, exactly.
        if (name === undefined) expect(fromMock.exitCode).to.equal(fromNode.exitCode);
      });
    }
  }

  it("wrong-eku (serverAuth only) is refused by Node's server too: OpenSSL checks the sslclient purpose", async () => {
    const refused = once(nodeServer, 'tlsClientError') as Promise<[Error, TLSSocket]>;
    const result = await nodeClient(nodePort, '1.3', fixtures, 'wrong-eku');
    const [, socket] = await refused;

    expect(socket.authorizationError).to.equal('INVALID_PURPOSE');
    expect(result.events[0]).to.equal('secureConnect');
    expect(result.status).to.equal(undefined);
  });

  describe("Node's TLS client against the mock (the TLS 1.3 trap of verified-tls-facts.md)", () => {
    it('TLS 1.2, no certificate: the error comes before secureConnect (alert 40)', async () => {
      await using mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.certificatePem('ca1'))
        .start();
      const result = await nodeClient(mock.port, '1.2', fixtures);
      expect(result.events).to.deep.equal(['error:ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE']);
    });

    it('TLS 1.3, no certificate: secureConnect fires, then the first read fails with alert 116', async () => {
      await using mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.certificatePem('ca1'))
        .start();
      const result = await nodeClient(mock.port, '1.3', fixtures);
      expect(result.events).to.deep.equal([
        'secureConnect',
        'error:ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      ]);
      expect(result.status).to.equal(undefined);
    });

    it('TLS 1.3, rogue certificate: secureConnect fires, then the connection ends without an HTTP answer', async () => {
      await using mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.certificatePem('ca1'))
        .start();
      const result = await nodeClient(mock.port, '1.3', fixtures, 'rogue');
      expect(result.events[0]).to.equal('secureConnect');
      expect(result.status).to.equal(undefined);
    });

    it('TLS 1.3, tpp1: 200', async () => {
      await using mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.certificatePem('ca1'))
        .start();
      const result = await nodeClient(mock.port, '1.3', fixtures, 'tpp1');
      expect(result.events).to.deep.equal(['secureConnect']);
      expect(result.status).to.equal(200);
    });
  });
});
