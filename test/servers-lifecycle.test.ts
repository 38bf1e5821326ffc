import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:https';
import { connect as connectTcp, type Socket } from 'node:net';
import { isHarnessError } from '../harness/common/harness-error.ts';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import type { ClientAuthMode } from '../harness/servers/client-auth-mode.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

async function tcpClient(port: number): Promise<Socket> {
  const socket = connectTcp(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('MockMtlsServer lifecycle, timeouts and what it records of failed handshakes', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const server = (): MockMtlsServer =>
    new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.certificatePem('ca1'));

  describe('stop()', () => {
    it('returns promptly with clients still connected (silent TCP, idle keep-alive HTTPS) and closes them', async () => {
      const started = await server().start();
      const silent = await tcpClient(started.port);
      const identity = fixtures.identity('tpp1');
      const agent = new Agent({
        keepAlive: true,
        ca: fixtures.certificatePem('ca1'),
        key: identity.privateKeyPem,
        cert: identity.certificatePem,
      });
      const status = await new Promise<number | undefined>((resolve, reject) => {
        request(`${started.url}/healthcheck`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        })
          .on('error', reject)
          .end();
      });
      expect(status).to.equal(200);
      const [keptAlive] = Object.values(agent.freeSockets).flat();
      expect(keptAlive, 'the agent keeps the connection open').to.not.equal(undefined);

      const startedAt = Date.now();
      await started.stop();

      expect(Date.now() - startedAt).to.be.below(500);
      await Promise.all([closed(silent), closed(keptAlive as Socket)]);
      const records = await started.waitForConnections(2);
      expect(records.map((record) => record.reason)).to.include(
        'the mock server stopped before the TLS handshake finished',
      );
      agent.destroy();
    });

    it('is idempotent, and `await using` stops the server', async () => {
      let port = 0;
      {
        await using started = await server().start();
        port = started.port;
        await Promise.all([started.stop(), started.stop()]);
      }
      const socket = connectTcp(port, '127.0.0.1');
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
      expect(error.code).to.equal('ECONNREFUSED');
    });
  });

  describe('connections that never reach a verdict on the client', () => {
    it('a client that says nothing is dropped after the handshake timeout, and recorded', async () => {
      await using started = await server().withHandshakeTimeout(200).start();
      const silent = await tcpClient(started.port);
      const startedAt = Date.now();
      await closed(silent);
      const [record] = await started.waitForConnections(1);

      expect(Date.now() - startedAt).to.be.within(150, 2000);
      expect(record?.verdict).to.equal('incomplete');
      expect(record?.reason).to.equal('no TLS handshake within 200 ms');
    });

    it('plain HTTP on the TLS port is recorded as a client that did not speak TLS', async () => {
      await using started = await server().start();
      const socket = await tcpClient(started.port);
      socket.end('GET /healthcheck HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const [record] = await started.waitForConnections(1);

      expect(record?.verdict).to.equal('incomplete');
      expect(record?.tlsError).to.equal('ERR_SSL_HTTP_REQUEST');
      expect(record?.reason).to.include('the client did not speak TLS');
    });

    it('a client that does not trust the server certificate aborts with unknown_ca, which the record names', async () => {
      await using started = await server().start();
      const result = await runCurl({
        url: `${started.url}/healthcheck`,
        caFile: fixtures.path('rogue-ca', 'crt'),
      });
      const [record] = await started.waitForConnections(1);

      expect(result.exitCode).to.equal(60);
      expect(record?.verdict).to.equal('incomplete');
      expect(record?.tlsError).to.equal('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA');
      expect(record?.reason).to.equal('the client ended the handshake with TLS alert unknown_ca');
    });
  });

  describe('TLS versions', () => {
    it('a TLS 1.3-only server refuses a TLS 1.2 client at the handshake', async () => {
      await using started = await server().withTlsVersions('TLSv1.3', 'TLSv1.3').start();
      const result = await runCurl({
        url: `${started.url}/healthcheck`,
        caFile: fixtures.path('ca1', 'crt'),
        tls: '1.2',
      });
      const [record] = await started.waitForConnections(1);

      expect(result.stderr).to.include('alert protocol version');
      expect(record?.verdict).to.equal('rejected');
      expect(record?.refusedAt).to.equal('handshake');
      expect(record?.protocol).to.equal(undefined);
      expect(record?.reason).to.include('no TLS version in common with the client');
    });

    it('a legacy server (TLS 1.0–1.1) is refused by a default curl, and reached by one that allows it', async () => {
      await using started = await server().withTlsVersions('TLSv1', 'TLSv1.1').start();
      const curl = (extra: string[]) =>
        new Promise<number>((resolve) =>
          execFile(
            'curl',
            [
              '-sS',
              '-o',
              '/dev/null',
              '--cacert',
              fixtures.path('ca1', 'crt'),
              '--cert',
              fixtures.path('tpp1', 'crt'),
              '--key',
              fixtures.path('tpp1', 'key'),
              ...extra,
              `${started.url}/healthcheck`,
            ],
            (error) => resolve(error === null ? 0 : Number(error.code)),
          ),
        );
      expect(await curl([])).to.equal(35);
      expect(await curl(['--tlsv1.0', '--tls-max', '1.1', '--ciphers', 'DEFAULT@SECLEVEL=0'])).to.equal(0);
      const [refused, reached] = await started.waitForConnections(2);

      expect(refused?.verdict).to.equal('incomplete');
      expect(refused?.reason).to.match(/^the client ended the handshake with TLS alert /);
      expect(reached?.protocol).to.equal('TLSv1.1');
      expect(reached?.verdict).to.equal('accepted');
    });
  });

  describe('host and warnings', () => {
    it('warns about a non-loopback host before listening (here one that no interface has, so nothing is exposed)', async () => {
      const warnings: string[] = [];
      const error = await rejection(
        server()
          .withHost('192.0.2.1')
          .withWarningListener((warning) => warnings.push(warning))
          .start(),
      );

      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('listens on 192.0.2.1, which is not a loopback address');
      expect(isHarnessError(error)).to.equal(true);
      expect(error.message).to.equal(
        'Cannot start the mock mTLS server on 192.0.2.1:0: no interface has this address (EADDRNOTAVAIL). Choose another with withHost()/withPort(), or port 0 for any free port.',
      );
    });

    it('gives no warning for loopback hosts, and builds the URL from the host', async () => {
      const warnings: string[] = [];
      await using started = await server()
        .withHost('localhost')
        .withWarningListener((warning) => warnings.push(warning))
        .start();

      expect(warnings).to.deep.equal([]);
      expect(started.warnings).to.deep.equal([]);
      expect(started.url).to.equal(`https://localhost:${started.port}`);
      expect(started.host).to.equal('localhost');
    });

    it('defaults to 127.0.0.1 and a free port', async () => {
      await using started = await server().start();
      expect(started.host).to.equal('127.0.0.1');
      expect(started.port).to.be.above(0);
      expect(started.url).to.equal(`https://127.0.0.1:${started.port}`);
    });
  });

  describe('errors a user can make', () => {
    it('waitForConnections says how many arrived when it times out', async () => {
      await using started = await server().start();
      const error = await rejection(started.waitForConnections(1, 50));
      expect(error.message).to.equal(
        `Timed out after 50 ms waiting for 1 connection(s) to the mock mTLS server at ${started.url}: 0 arrived. Check that the client under test was pointed at this URL.`,
      );
    });

    it('start() reports every conflicting setting at once, before listening', async () => {
      const error = await rejection(
        new MockMtlsServer(fixtures.identity('server'))
          .withClientAuth('optional')
          .withAcceptableCas('not a certificate')
          .withTlsVersions('TLSv1.3', 'TLSv1.2')
          .start(),
      );
      expect(error.message).to.equal(
        'Cannot start the mock mTLS server (identity "server"): ' +
          "withClientAuth('optional') needs the CAs to trust: call withTrust(pemBundle); " +
          'withAcceptableCas() holds no PEM certificate (no -----BEGIN CERTIFICATE----- block); ' +
          "withTlsVersions('TLSv1.3', 'TLSv1.2'): the minimum is above the maximum.",
      );
    });

    it('start() refuses settings that cancel each other', async () => {
      const error = await rejection(
        new MockMtlsServer(fixtures.identity('server'))
          .withClientAuth('none')
          .withAllowedSubjects(['tpp1.demo.axway.com'])
          .withMisconfiguration('ignore-validity-dates')
          .start(),
      );
      expect(error.message).to.include(
        "withAllowedSubjects() needs verified client certificates, but withClientAuth('none') requests no certificate; remove one of the two",
      );
      expect(error.message).to.include(
        "withMisconfiguration('ignore-validity-dates') has no effect with withClientAuth('none'), which requests no certificate",
      );
    });

    it('start() names an identity whose key does not match its certificate', async () => {
      const identity = {
        ...fixtures.identity('server'),
        label: 'mismatched',
        privateKeyPem: fixtures.identity('tpp1').privateKeyPem,
      };
      const error = await rejection(
        new MockMtlsServer(identity).withTrust(fixtures.certificatePem('ca1')).start(),
      );
      expect(error.message).to.match(
        /^Cannot start the mock mTLS server \(identity "mismatched"\): the server identity "mismatched" does not load \(.*key values mismatch.*\)\.$/,
      );
    });

    it('the builder refuses an unknown mode, with the valid ones', () => {
      const builder = server();
      expect(() => builder.withClientAuth('required' as ClientAuthMode)).to.throw(
        "Cannot set the client authentication mode. 'required' is not one of: require, optional, none.",
      );
      expect(() => builder.withPort(70000)).to.throw(
        'Cannot set the port. 70000 is not an integer from 0 to 65535',
      );
      expect(() => builder.withAllowedSubjects([])).to.throw('Cannot set the allowed subjects.');
    });
  });
});
