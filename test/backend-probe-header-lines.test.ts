import { createServer, type Server, type TLSSocket } from 'node:tls';
import { expect } from 'chai';
import { HarnessError } from '../harness/common/harness-error.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';

/**
 * The probe's `headerLines`: what a client forging identity headers sends, byte for byte. A TLS server
 * that records the raw request shows the repeated name and the obs-fold arrive as written, and that
 * nothing else can start a header line of its own.
 */
describe('probe header lines (forged headers)', () => {
  let set: FixtureSet;
  let server: Server;
  let port = 0;
  const received: string[] = [];
  const sockets = new Set<TLSSocket>();

  before(async () => {
    set = await testFixtures();
    const identity = set.identity('server');
    server = createServer({ cert: identity.certificatePem, key: identity.privateKeyPem }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      let request = '';
      socket.on('data', (chunk: Buffer) => {
        request += chunk.toString('latin1');
        if (!request.includes('\r\n\r\n')) return;
        received.push(request);
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  after(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  const probe = (headerLines: readonly (readonly [string, string])[]) =>
    probeTarget({ url: `https://127.0.0.1:${port}/echo`, headerLines, acceptableCaNames: 'skip' });

  it('sends a repeated name as two lines, after the probe’s own headers, in order', async () => {
    const observation = await probe([
      ['X-SSL-Client-Cert', 'first'],
      ['X-SSL-Client-Cert', 'second'],
      ['X-SSL-Client-Verify', 'SUCCESS'],
    ]);
    expect(observation.http?.status).to.equal(200);
    const head = received.at(-1)!.split('\r\n');
    expect(head.filter((line) => /^X-SSL-Client-/.test(line))).to.deep.equal([
      'X-SSL-Client-Cert: first',
      'X-SSL-Client-Cert: second',
      'X-SSL-Client-Verify: SUCCESS',
    ]);
    expect(head.indexOf('X-SSL-Client-Cert: first')).to.be.greaterThan(head.indexOf('Accept: */*'));
  });

  it('sends an obs-fold (CRLF, then a space) as continuation lines, and a 7000-byte value whole', async () => {
    await probe([
      ['X-SSL-Client-Cert', '-----BEGIN CERTIFICATE-----\r\n MIIB\r\n\t-----END CERTIFICATE-----'],
      ['X-Big', 'A'.repeat(7000)],
    ]);
    const request = received.at(-1)!;
    expect(request).to.include(
      'X-SSL-Client-Cert: -----BEGIN CERTIFICATE-----\r\n MIIB\r\n\t-----END CERTIFICATE-----\r\n',
    );
    expect(request).to.include(`X-Big: ${'A'.repeat(7000)}\r\n`);
  });

  const refused: { title: string; line: readonly [string, string]; message: RegExp }[] = [
    {
      title: 'a line break without a space after it',
      line: ['X-A', 'one\r\nX-Injected: two'],
      message: /not an obs-fold/,
    },
    { title: 'a bare line feed', line: ['X-A', 'one\n two'], message: /not an obs-fold/ },
    { title: 'NUL', line: ['X-A', 'a\0b'], message: /NUL/ },
    { title: 'a name with a space', line: ['X SSL', 'v'], message: /A header name is a token/ },
    { title: 'a framing header', line: ['Content-Length', '5'], message: /sets Connection, Content-Length/ },
  ];
  for (const { title, line, message } of refused) {
    it(`refuses ${title} before connecting, with a HarnessError`, async () => {
      const before = received.length;
      const error = await probe([line]).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(HarnessError);
      expect((error as Error).message).to.match(message);
      expect(received.length).to.equal(before);
    });
  }
});
