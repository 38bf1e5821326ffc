import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { connect } from 'node:tls';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { probeTarget, type ProbeOptions } from '../harness/index.ts';
import type { TlsSession } from '../harness/probe/tls-session.ts';
import { readClientHelloServername } from '../harness/servers/client-hello-servername.ts';
import type { EdgeFlaw } from '../harness/servers/edge-flaw.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';

/** The bytes a real Node client sends first: its ClientHello, with or without SNI. */
async function clientHelloBytes(servername: string | undefined): Promise<Buffer> {
  let sink: Socket | undefined;
  const seen = new Promise<Buffer>((resolve) => {
    const server = createServer((socket) => {
      sink = socket;
      socket.once('data', (chunk: Buffer) => {
        resolve(chunk);
        socket.destroy();
        server.close();
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const client = connect({
        host: '127.0.0.1',
        port: (server.address() as { port: number }).port,
        ...(servername === undefined ? {} : { servername }),
        rejectUnauthorized: false,
      });
      client.on('error', () => undefined);
    });
  });
  const bytes = await seen;
  sink?.destroy();
  return bytes;
}

/** The same handshake message re-framed into two TLS records, split at `at` bytes. */
function twoRecords(record: Buffer, at: number): Buffer {
  const header = record.subarray(0, 3);
  const body = record.subarray(5);
  const frame = (part: Buffer) =>
    Buffer.concat([header, Buffer.from([part.length >> 8, part.length & 0xff]), part]);
  return Buffer.concat([frame(body.subarray(0, at)), frame(body.subarray(at))]);
}

describe('reading the SNI name from a ClientHello (readClientHelloServername)', () => {
  it('finds the name in a real ClientHello, and null when it has none', async () => {
    const named = await clientHelloBytes('public.example.test');
    expect(readClientHelloServername(named)).to.deep.equal({
      state: 'complete',
      servername: 'public.example.test',
    });
    expect(readClientHelloServername(await clientHelloBytes(undefined))).to.deep.equal({
      state: 'complete',
      servername: null,
    });
  });

  it('waits for every byte, however the ClientHello is cut, and reads it across records (a fragmented ClientHello)', async () => {
    const named = await clientHelloBytes('public.example.test');
    for (let cut = 0; cut < named.length; cut += 1) {
      expect(readClientHelloServername(named.subarray(0, cut)).state, `cut at ${cut}`).to.equal('incomplete');
    }
    for (const at of [1, 4, 40, named.length - 10]) {
      const fragmented = twoRecords(named, at);
      expect(readClientHelloServername(fragmented), `split at ${at}`).to.deep.equal({
        state: 'complete',
        servername: 'public.example.test',
      });
      expect(readClientHelloServername(fragmented.subarray(0, fragmented.length - 1)).state).to.equal(
        'incomplete',
      );
    }
  });

  it('says not-tls for anything else', () => {
    expect(readClientHelloServername(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')).state).to.equal(
      'not-tls',
    );
    expect(readClientHelloServername(Buffer.from([22, 3, 1, 0, 4, 2, 0, 0, 0])).state).to.equal('not-tls');
  });
});

describe('MockMtlsServer with virtual hosts', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  const start = (flaw?: EdgeFlaw, keys?: Buffer): Promise<StartedMockMtlsServer> => {
    const builder = new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withRefusal('http')
      .withVirtualHost('public.example.test', { mtls: false })
      .withVirtualHost('partner.example.test', { mtls: true, trustPem: fixtures.trustBundlePem(['ca2']) });
    if (flaw) builder.withEdgeFlaw(flaw);
    if (keys) builder.withSessionTicketKeys(keys);
    return builder.start();
  };

  const probe = (
    server: StartedMockMtlsServer,
    options: Omit<ProbeOptions, 'url'> = {},
  ): Promise<Observation> =>
    probeTarget({
      url: `https://localhost:${server.port}/healthcheck`,
      acceptableCaNames: 'skip',
      ...options,
    });

  // What each request gets from a safe server and from each flaw; the flaws differ only where noted.
  const requests: Array<{
    name: string;
    options: () => Omit<ProbeOptions, 'url'>;
    safe: number;
    flaws: Partial<Record<EdgeFlaw, number>>;
  }> = [
    {
      name: 'SNI localhost, tpp1',
      options: () => ({ identity: fixtures.identity('tpp1') }),
      safe: 200,
      flaws: {},
    },
    { name: 'SNI localhost, no certificate', options: () => ({}), safe: 400, flaws: {} },
    {
      name: 'SNI public, Host localhost',
      options: () => ({ servername: 'public.example.test', headers: { host: 'localhost' } }),
      safe: 421,
      flaws: { 'routes-by-host': 200 },
    },
    {
      name: 'SNI public, Host LOCALHOST.',
      options: () => ({ servername: 'public.example.test', headers: { host: 'LOCALHOST.' } }),
      safe: 421,
      flaws: { 'routes-by-host': 200, 'host-check-exact': 200 },
    },
    {
      name: 'no SNI, Host localhost',
      options: () => ({ sendServername: false, headers: { host: 'localhost' } }),
      safe: 421,
      flaws: { 'routes-by-host': 200, 'routes-by-host-without-sni': 200 },
    },
    {
      name: 'SNI partner, tpp2, Host localhost',
      options: () => ({
        servername: 'partner.example.test',
        identity: fixtures.identity('tpp2'),
        headers: { host: 'localhost' },
      }),
      safe: 421,
      flaws: { 'routes-by-host': 200 },
    },
    {
      name: 'SNI public, Host public, a path that site does not have',
      options: () => ({ servername: 'public.example.test', headers: { host: 'public.example.test' } }),
      safe: 404,
      flaws: {},
    },
  ];

  for (const flaw of [
    undefined,
    'routes-by-host',
    'routes-by-host-without-sni',
    'host-check-exact',
  ] as const) {
    it(`${flaw ?? 'safe'}: answers each SNI, Host and certificate as expected`, async () => {
      await using server = await start(flaw);
      const got: string[] = [];
      const want: string[] = [];
      for (const request of requests) {
        const observation = await probe(server, request.options());
        got.push(`${request.name}: ${observation.http?.status ?? observation.reason}`);
        want.push(`${request.name}: ${(flaw && request.flaws[flaw]) ?? request.safe}`);
      }
      expect(got).to.deep.equal(want);
    });
  }

  it('records the site each connection got by SNI and the site that answered each request', async () => {
    await using server = await start('routes-by-host');
    await probe(server, { servername: 'public.example.test', headers: { host: 'localhost' } });
    await probe(server, { servername: 'unknown.example.test' });
    const [entered, unknown] = await server.waitForConnections(2);
    expect(entered?.virtualHost).to.equal('public.example.test');
    expect(entered?.requests.map((request) => `${request.site} ${request.status}`)).to.deep.equal([
      'localhost 200',
    ]);
    // An SNI no site names, like none, gets the first virtual host: the port's default server.
    expect(unknown?.virtualHost).to.equal('public.example.test');
  });

  it('curl, a client of its own, gets 421 for the Host of the mTLS site on the public site', async () => {
    await using server = await start();
    const status = await new Promise<string>((resolve, reject) =>
      execFile(
        'curl',
        [
          '-sk',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '--resolve',
          `public.example.test:${server.port}:127.0.0.1`,
          '-H',
          'Host: localhost',
          `https://public.example.test:${server.port}/healthcheck`,
        ],
        (error, stdout) => (error ? reject(new Error(`curl: ${error.message}`)) : resolve(stdout)),
      ),
    );
    expect(status).to.equal('421');
  });

  const sessionOf = async (
    server: StartedMockMtlsServer,
    options: Omit<ProbeOptions, 'url'>,
  ): Promise<TlsSession> => {
    const kept: TlsSession[] = [];
    await probe(server, { ...options, onSession: (session) => kept.push(session) });
    expect(kept.length, 'a session was issued').to.be.greaterThan(0);
    return kept[0]!;
  };

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`${version}: resumes a session only on the site that made it, unless the flaw shares them`, async () => {
      for (const flaw of [undefined, 'resumes-across-vhosts'] as const) {
        await using server = await start(flaw);
        const pinned = { minVersion: version, maxVersion: version };
        const fromPublic = await sessionOf(server, {
          ...pinned,
          servername: 'public.example.test',
          headers: { host: 'public.example.test' },
        });
        const offered = await probe(server, { ...pinned, resumeSession: fromPublic });
        expect(offered.session?.offered?.resumed, `${flaw ?? 'safe'}`).to.equal(flaw !== undefined);
        expect(offered.http?.status, `${flaw ?? 'safe'}`).to.equal(flaw === undefined ? 400 : 200);
        // The site's own sessions resume, and the certificate they were made with is verified again.
        const own = await sessionOf(server, { ...pinned, identity: fixtures.identity('tpp1') });
        const again = await probe(server, { ...pinned, resumeSession: own });
        expect(again.session?.offered?.resumed).to.equal(true);
        expect(again.http?.status).to.equal(200);
        const records = server.connections.filter((record) => record.resumed === true);
        expect(records.at(-1)?.reason).to.include('CN=tpp1.demo.axway.com');
      }
    });
  }

  it('with the same ticket keys, a server started later resumes the sessions of the first (as nginx with one ticket key file)', async () => {
    const keys = Buffer.alloc(48, 7);
    let session: TlsSession;
    {
      await using first = await start(undefined, keys);
      session = await sessionOf(first, { identity: fixtures.identity('tpp1') });
    }
    await using second = await start(undefined, keys);
    const resumed = await probe(second, { resumeSession: session });
    expect(resumed.session?.offered?.resumed).to.equal(true);
    await using other = await start(undefined, Buffer.alloc(48, 8));
    expect((await probe(other, { resumeSession: session })).session?.offered?.resumed).to.equal(false);
  });

  it('refuses settings that cannot serve virtual hosts, each in one line', () => {
    const builder = () =>
      new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.trustBundlePem(['ca1']));
    expect(() => builder().withVirtualHost('not a name', { mtls: false })).to.throw(/is not a host name/);
    expect(() => builder().withVirtualHost('partner.example.test', { mtls: true })).to.throw(/Give trustPem/);
    expect(() => builder().withSessionTicketKeys(Buffer.alloc(32))).to.throw(/32 bytes; Node takes 48/);
    return Promise.all([
      builder()
        .withVirtualHost('LOCALHOST', { mtls: false })
        .start()
        .then(
          () => expect.fail('started'),
          (error: Error) => expect(error.message).to.match(/"LOCALHOST" is already a name of this server/),
        ),
      builder()
        .withEdgeFlaw('routes-by-host')
        .start()
        .then(
          () => expect.fail('started'),
          (error: Error) =>
            expect(error.message).to.match(/is about several sites on one port; add withVirtualHost/),
        ),
    ]);
  });
});
