import { expect } from 'chai';
import { HarnessError } from '../harness/common/harness-error.ts';
import type { ProbeOptions } from '../harness/probe/probe-options.ts';
import { defaultProbeTimeouts } from '../harness/probe/probe-options.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';
import { startTcpServer } from './support/probe-test-servers.ts';

const badOptions: { title: string; options: ProbeOptions; message: string }[] = [
  {
    title: 'not a URL',
    options: { url: 'localhost:8443' },
    message: 'Cannot probe localhost:8443. The scheme localhost is not supported; use https or tls.',
  },
  {
    title: 'unparsable',
    options: { url: 'https://' },
    message:
      'Cannot probe "https://". It is not a URL; give one like https://127.0.0.1:8443/healthcheck or tls://127.0.0.1:8443.',
  },
  {
    title: 'plain http',
    options: { url: 'http://127.0.0.1:8080/' },
    message: 'Cannot probe http://127.0.0.1:8080/. The scheme http is not supported; use https or tls.',
  },
  {
    title: 'tls:// without a port',
    options: { url: 'tls://127.0.0.1' },
    message: 'Cannot probe tls://127.0.0.1. A tls:// URL needs a port, e.g. tls://127.0.0.1:8443.',
  },
  {
    title: 'an IP address as SNI',
    options: { url: 'https://127.0.0.1:1/', servername: '127.0.0.1' },
    message:
      'Cannot send servername "127.0.0.1". RFC 6066 §3 allows only a DNS host name in SNI; leave servername out to send none.',
  },
  {
    title: 'a zero timeout',
    options: { url: 'https://127.0.0.1:1/', timeouts: { handshakeMs: 0 } },
    message:
      'Cannot probe with timeouts.handshakeMs = 0. It must be a positive whole number of milliseconds.',
  },
  {
    title: 'an unknown TLS version',
    options: { url: 'https://127.0.0.1:1/', maxVersion: 'TLSv1.4' as 'TLSv1.3' },
    message: 'Cannot probe with maxVersion "TLSv1.4". Use one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.',
  },
  {
    title: 'a method with a space',
    options: { url: 'https://127.0.0.1:1/', method: 'GET /x' },
    message: 'Cannot send method "GET /x". An HTTP method is a token such as GET or POST.',
  },
  {
    title: 'a framing header',
    options: { url: 'https://127.0.0.1:1/', headers: { 'Content-Length': '3' } },
    message:
      'Cannot send header Content-Length. The probe sets Connection, Content-Length and Transfer-Encoding itself; leave it out.',
  },
  {
    title: 'a header value with a line break',
    options: { url: 'https://127.0.0.1:1/', headers: { 'X-A': 'a\r\nX-B: b' } },
    message: 'Cannot send header X-A. Its value contains a line break or NUL.',
  },
  {
    title: 'a server trust that is not PEM',
    options: { url: 'https://127.0.0.1:1/', serverTrustPem: 'ca1.crt' },
    message:
      'Cannot judge the server with serverTrustPem. It holds no PEM certificate (-----BEGIN CERTIFICATE-----).',
  },
  {
    title: 'a negative maxBodyBytes',
    options: { url: 'https://127.0.0.1:1/', maxBodyBytes: -1 },
    message: 'Cannot probe with maxBodyBytes = -1. It must be a whole number of bytes, 0 or more.',
  },
];

describe('probeTarget input checks: a HarnessError before any connection', () => {
  let server: Awaited<ReturnType<typeof startTcpServer>>;
  before(async () => {
    server = await startTcpServer((socket) => socket.destroy());
  });
  after(() => server.close());

  for (const { title, options, message } of badOptions) {
    it(title, async () => {
      const error = await probeTarget(options).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).to.be.instanceOf(HarnessError);
      expect((error as Error).message).to.equal(message);
    });
  }

  it("an identity whose key is not its certificate's names the identity", async () => {
    const fixtures = await testFixtures();
    const identity = { ...fixtures.identity('tpp1'), privateKeyPem: fixtures.identity('tpp2').privateKeyPem };
    const error = await probeTarget({ url: `https://127.0.0.1:${server.port}/`, identity }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(HarnessError);
    expect((error as Error).message).to.match(
      /^Cannot present the client identity .*tpp1.*\. .*key values mismatch/,
    );
    expect(server.connections()).to.equal(0);
  });

  it('defaults: connect 5 s, handshake 5 s, response 10 s', () => {
    expect(defaultProbeTimeouts).to.deep.equal({ connectMs: 5000, handshakeMs: 5000, responseMs: 10000 });
  });
});
