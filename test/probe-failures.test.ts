import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';
import { freePort } from './support/openssl-server.ts';
import { startTcpServer } from './support/probe-test-servers.ts';

// Timing assertions are only "finished within the timeout plus a margin", never exact durations.
const marginMs = 2000;

describe('probeTarget when the server misbehaves: timeouts, garbage, nothing listening', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });
  beforeEach(() => forgetAcceptableCaNames());

  it('nothing listening: error at tcp with ECONNREFUSED', async () => {
    const port = await freePort();
    const observation = await probeTarget({ url: `https://127.0.0.1:${port}/` });
    expect(observation).to.include({ outcome: 'error', stage: 'tcp', errorCode: 'ECONNREFUSED' });
    expect(observation.reason).to.equal(
      `cannot connect to 127.0.0.1:${port}: nothing accepts connections there (ECONNREFUSED)`,
    );
    expect(observation.acceptableCaNames).to.deep.equal({
      obtained: false,
      why: 'not read: the probe did not reach a TLS server',
    });
    expect(observation.tls).to.equal(undefined);
  });

  it('a listener that never accepts (full backlog): error at tcp within connectMs', async function () {
    const listener = await startFullBacklogListener();
    try {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${listener.port}/`,
        timeouts: { connectMs: 300 },
      });
      expect(observation).to.include({ outcome: 'error', stage: 'tcp' });
      expect(observation.reason).to.equal(`no TCP connection to 127.0.0.1:${listener.port} within 300 ms`);
      expect(observation.timings.totalMs).to.be.below(300 + marginMs);
    } finally {
      listener.stop();
    }
  });

  it('a server that accepts TCP and says nothing: error at tls-handshake within handshakeMs', async () => {
    const server = await startTcpServer(() => undefined);
    try {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${server.port}/`,
        timeouts: { handshakeMs: 300 },
      });
      expect(observation).to.include({
        outcome: 'error',
        stage: 'tls-handshake',
        reason: 'no TLS handshake within 300 ms (the server sent nothing)',
      });
      expect(observation.timings.handshakeMs).to.be.at.least(290);
      expect(observation.timings.totalMs).to.be.below(300 + marginMs);
      // No second connection to read CA names from a server that never spoke TLS.
      expect(server.connections()).to.equal(1);
    } finally {
      await server.close();
    }
  });

  it('a server that sends garbage instead of TLS: a clear error at tls-handshake, not a crash', async () => {
    const server = await startTcpServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n'));
    try {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${server.port}/`,
        timeouts: { handshakeMs: 2000 },
      });
      expect(observation).to.include({
        outcome: 'error',
        stage: 'tls-handshake',
        errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
        reason:
          'server did not answer in TLS (OpenSSL: wrong version number); is it plain HTTP or another protocol?',
      });
      expect(observation.timings.totalMs).to.be.below(2000);
    } finally {
      await server.close();
    }
  });

  it('a server that closes at once: error at tls-handshake, no TLS data', async () => {
    const server = await startTcpServer((socket) => socket.end());
    try {
      const observation = await probeTarget({ url: `https://127.0.0.1:${server.port}/` });
      expect(observation.outcome).to.equal('error');
      expect(observation.stage).to.equal('tls-handshake');
      expect(observation.reason).to.match(/^server closed the connection before sending any TLS data/);
    } finally {
      await server.close();
    }
  });

  describe('after the handshake', () => {
    let server: ReturnType<typeof createServer>;
    let port: number;
    let onSecure: (socket: TLSSocket) => void;
    const sockets = new Set<Socket>();
    before(async () => {
      server = createServer(
        { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') },
        (socket) => {
          socket.on('error', () => undefined);
          onSecure(socket);
        },
      );
      // The handlers below never read the request, so a socket would never see the client's FIN.
      server.on('connection', (raw: Socket) => {
        sockets.add(raw);
        raw.on('close', () => sockets.delete(raw));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets.forEach((socket) => socket.destroy());
      return closed;
    });

    it('no HTTP response: error at http within responseMs', async () => {
      const held: TLSSocket[] = [];
      onSecure = (socket) => held.push(socket);
      const observation = await probeTarget({
        url: `https://localhost:${port}/`,
        timeouts: { responseMs: 300 },
      });
      held.forEach((socket) => socket.destroy());
      expect(observation).to.include({
        outcome: 'error',
        stage: 'http',
        reason: 'no HTTP response within 300 ms of sending the request',
      });
      expect(observation.timings.responseMs).to.be.at.least(290);
      expect(observation.timings.responseMs).to.be.below(300 + marginMs);
    });

    it('a response that is not HTTP: error at http, with what came', async () => {
      onSecure = (socket) => socket.end('220 smtp.example ESMTP ready\r\n');
      const observation = await probeTarget({ url: `https://localhost:${port}/` });
      expect(observation).to.include({
        outcome: 'error',
        stage: 'http',
        reason: `the server's answer is not HTTP/1.x: "220 smtp.example ESMTP ready\\r\\n"`,
      });
    });

    it('a close right after the handshake, before any response: rejected at after-handshake', async () => {
      onSecure = (socket) => socket.end();
      const observation = await probeTarget({ url: `https://localhost:${port}/` });
      expect(observation).to.include({
        outcome: 'rejected',
        stage: 'after-handshake',
        reason: 'server closed the connection after the handshake, without a response or a TLS alert',
      });
    });

    it('tls:// with a server that keeps the connection: accepted after the grace window', async () => {
      const held: TLSSocket[] = [];
      onSecure = (socket) => held.push(socket);
      const observation = await probeTarget({
        url: `tls://127.0.0.1:${port}`,
        timeouts: { responseMs: 2000 },
      });
      held.forEach((socket) => socket.destroy());
      expect(observation).to.include({ outcome: 'accepted', stage: 'after-handshake' });
      expect(observation.reason).to.match(
        /^server kept the connection: no alert, reset or close within \d+ ms after the handshake$/,
      );
      expect(observation.timings.responseMs).to.be.at.least(290);
      expect(observation.timings.responseMs).to.be.below(2000 + marginMs);
      expect(observation.http).to.equal(undefined);
    });
  });

  it('tls:// against a Node server that refuses the certificate under TLS 1.3: rejected at after-handshake', async () => {
    const server = createServer(
      {
        key: fixtures.identity('server').privateKeyPem,
        cert: fixtures.certificatePem('server'),
        ca: fixtures.certificatePem('ca1'),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
      },
      (socket) => socket.on('error', () => undefined),
    );
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const [refused, accepted] = [
        await probeTarget({ url: `tls://127.0.0.1:${port}`, identity: fixtures.identity('rogue') }),
        await probeTarget({ url: `tls://127.0.0.1:${port}`, identity: fixtures.identity('tpp1') }),
      ];
      expect(refused).to.include({ outcome: 'rejected', stage: 'after-handshake' });
      expect(accepted).to.include({ outcome: 'accepted', stage: 'after-handshake' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/**
 * A listening socket that never accepts, its one-slot backlog already taken: Linux then drops further
 * SYNs, so a connect neither succeeds nor fails (python3, since Node accepts every connection).
 */
async function startFullBacklogListener(): Promise<{ port: number; stop(): void }> {
  const script = [
    'import socket, sys, time',
    's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
    'filler = socket.create_connection(s.getsockname())',
    'print(s.getsockname()[1], flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const child: ChildProcess = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`python3 exited with ${String(code)}`)));
  });
  return { port, stop: () => child.kill() };
}
