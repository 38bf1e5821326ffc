import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ConnectionEnding } from '../harness/servers/connection-ending.ts';
import type { ConnectionRecord } from '../harness/servers/connection-record.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { hangUpClient } from './support/hang-up-client.ts';

const execFileAsync = promisify(execFile);

type Expected = Pick<ConnectionEnding, 'how' | 'handshake'> & { alert?: string };

/** curl trusting ca1, presenting tpp1, with `extra` flags. Its exit code is not what is tested here. */
function curl(fixtures: FixtureSet, url: string, ...extra: string[]): Promise<unknown> {
  return execFileAsync('curl', [
    ...['-sS', '--max-time', '10', '--cacert', fixtures.path('ca1', 'crt')],
    ...['--cert', fixtures.path('tpp1', 'crt'), '--key', fixtures.path('tpp1', 'key'), ...extra, url],
  ]).catch(() => undefined);
}

/** `openssl s_client` with nothing on stdin: it completes the handshake, then hangs up, exit 0. */
function sClient(fixtures: FixtureSet, port: number, ...extra: string[]): Promise<unknown> {
  const child = execFileAsync('openssl', [
    ...['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', fixtures.path('ca1', 'crt'), ...extra],
  ]);
  child.child.stdin?.end();
  return child.catch(() => undefined);
}

/** Node's own https client, trusting ca1: it checks the certificate after OpenSSL hands it over. */
function nodeHttps(fixtures: FixtureSet, url: string, maxVersion = 'TLSv1.3'): Promise<unknown> {
  const script = `require('node:https').get(process.argv[1], { maxVersion: '${maxVersion}', ca: require('node:fs').readFileSync(process.argv[2]) }).on('error', () => process.exit(1))`;
  return execFileAsync(process.execPath, ['-e', script, url, fixtures.path('ca1', 'crt')]).catch(
    () => undefined,
  );
}

async function settled(server: StartedMockMtlsServer): Promise<ConnectionRecord> {
  for (let waited = 0; server.openSocketCount > 0 && waited < 5000; waited += 20) await delay(20);
  await server.stop();
  expect(server.connections, 'one connection').to.have.length(1);
  return server.connections[0]!;
}

function endingOf(record: ConnectionRecord): Expected {
  const ended = record.ended;
  expect(ended, record.reason).not.to.equal(undefined);
  return {
    how: ended!.how,
    handshake: ended!.handshake,
    ...(ended!.alert ? { alert: `${ended!.alert.name} (${ended!.alert.code ?? '?'})` } : {}),
  };
}

describe('mock server: how each connection ended, and how far its handshake got (real clients)', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  /** A server a client should refuse (rogue-ca's certificate) that lets any client in, as the client suite's. */
  const rogue = (tls?: ['TLSv1.2', 'TLSv1.2']) => {
    const builder = new MockMtlsServer(fixtures.identity('rogue-server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withMisconfiguration('accept-any-certificate');
    return (tls ? builder.withTlsVersions(...tls) : builder).start();
  };

  const cases: Array<[string, (server: StartedMockMtlsServer) => Promise<unknown>, Expected]> = [
    [
      'curl, TLS 1.3: its alert after the server’s certificate',
      (server) => curl(fixtures, `${server.url}/`),
      { how: 'alert', handshake: 'server-certificate', alert: 'unknown_ca (48)' },
    ],
    [
      'curl, TLS 1.2: its alert (plaintext before its ChangeCipherSpec) after the certificate',
      (server) => curl(fixtures, `${server.url}/`, '--tls-max', '1.2'),
      { how: 'alert', handshake: 'server-certificate', alert: 'unknown_ca (48)' },
    ],
    [
      'Node https, TLS 1.3: a close without an alert, right after the certificate',
      (server) => nodeHttps(fixtures, `${server.url}/`),
      { how: 'close', handshake: 'server-certificate' },
    ],
    [
      'Node https, TLS 1.2: its Finished goes out before Node checks the certificate, then it closes',
      (server) => nodeHttps(fixtures, `${server.url}/`, 'TLSv1.2'),
      { how: 'close', handshake: 'complete' },
    ],
    [
      'a client hanging up on the server’s TLS 1.2 flight, without an alert',
      (server) => hangUpClient(server.port, { version: 'TLSv1.2', how: 'close', after: 'server-flight' }),
      { how: 'close', handshake: 'server-certificate' },
    ],
    [
      'a client resetting on the server’s TLS 1.3 flight',
      (server) => hangUpClient(server.port, { version: 'TLSv1.3', how: 'reset', after: 'server-flight' }),
      { how: 'reset', handshake: 'server-certificate' },
    ],
    [
      'a client closing before it sends anything',
      (server) => hangUpClient(server.port, { version: 'TLSv1.3', how: 'close', after: 'nothing' }),
      { how: 'close', handshake: 'none' },
    ],
    [
      'curl capped at TLS 1.1: the server refuses the version before sending its certificate',
      (server) => curl(fixtures, `${server.url}/`, '--tlsv1.0', '--tls-max', '1.1'),
      { how: 'refusal', handshake: 'client-hello' },
    ],
    [
      'openssl s_client with nothing on stdin: it completes the handshake, then closes',
      (server) => sClient(fixtures, server.port),
      { how: 'close', handshake: 'complete' },
    ],
  ];
  for (const [title, client, expected] of cases) {
    it(title, async () => {
      const server = await rogue();
      try {
        await client(server);
        const record = await settled(server);
        expect(endingOf(record), record.reason).to.deep.equal(expected);
        // What the server can count: its certificate flight is more than a ServerHello or an alert.
        const { bytesWritten } = record.ended!;
        if (expected.handshake === 'client-hello') expect(bytesWritten).to.be.below(200);
        else if (expected.handshake !== 'none') expect(bytesWritten).to.be.above(1000);
      } finally {
        await server.stop();
      }
    });
  }

  it('the TLS 1.2 hang-up is told from a refused version by the bytes the server wrote', async () => {
    const server = await rogue(['TLSv1.2', 'TLSv1.2']);
    try {
      await hangUpClient(server.port, { version: 'TLSv1.3', how: 'close', after: 'server-flight' });
      const record = await settled(server);
      expect(endingOf(record)).to.deep.equal({ how: 'refusal', handshake: 'client-hello' });
      expect(record.reason).to.match(/^no TLS version in common with the client/);
    } finally {
      await server.stop();
    }
  });

  it('a client still connected when the server stops: stopped, with the handshake complete', async () => {
    const server = await rogue();
    const child = spawn(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${server.port}`,
        '-CAfile',
        fixtures.path('ca1', 'crt'),
        '-ign_eof',
      ],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    try {
      child.stdin.end();
      for (let waited = 0; server.connections.length === 0 && waited < 5000; waited += 20) await delay(20);
      await server.stop();
      expect(endingOf(server.connections[0]!)).to.deep.equal({ how: 'stopped', handshake: 'complete' });
    } finally {
      child.kill();
      await server.stop();
    }
  });

  it('a request answered: the connection is the client’s to close, and the reason stays the server’s', async () => {
    const server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .start();
    try {
      await curl(fixtures, `${server.url}/`);
      const record = await settled(server);
      expect(record.requests.map((request) => request.status)).to.deep.equal([200]);
      expect(endingOf(record)).to.deep.equal({ how: 'close', handshake: 'complete' });
      expect(record.verdict).to.equal('accepted');
      expect(record.reason).to.match(/^client certificate CN=tpp1\.demo\.axway\.com/);
    } finally {
      await server.stop();
    }
  });
});
