import { expect } from 'chai';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Stage } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';
import { okHandler, startHttpsServer } from './support/probe-test-servers.ts';

// Every stage waits up to 20 s: only the signal can end these probes in time.
const timeouts = { connectMs: 20_000, handshakeMs: 20_000, responseMs: 20_000 };
// "Promptly", with room for a loaded machine; the timeouts are 20 times longer.
const promptMs = 1000;

interface Case {
  stage: Stage;
  scheme: 'https' | 'tls';
  /** A server that stays silent where the stage waits, and calls `abort` once the probe is there. */
  server: 'silent-tcp' | 'silent-tls';
}

const cases: readonly Case[] = [
  // The ClientHello has arrived: the probe waits for the server's handshake flight.
  { stage: 'tls-handshake', scheme: 'https', server: 'silent-tcp' },
  // The server completed the handshake (so the client did before it) and says nothing more.
  { stage: 'after-handshake', scheme: 'tls', server: 'silent-tls' },
  { stage: 'http', scheme: 'https', server: 'silent-tls' },
];

describe('probeTarget with a signal: a cancelled probe ends at once and concludes nothing', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });
  beforeEach(() => forgetAcceptableCaNames());

  for (const { stage, scheme, server: kind } of cases) {
    it(`aborted during ${stage} (${scheme}://, ${kind} server): error, interrupted, within ${promptMs} ms`, async () => {
      const controller = new AbortController();
      let abortedAt = 0;
      const abort = (): void => {
        abortedAt = performance.now();
        controller.abort();
      };
      const server =
        kind === 'silent-tcp'
          ? createNetServer((socket) => silently(socket).once('data', abort))
          : createTlsServer(
              {
                key: fixtures.identity('server').privateKeyPem,
                cert: fixtures.certificatePem('server'),
              },
              (socket) => {
                silently(socket);
                abort();
              },
            );
      const port = await listen(server);
      try {
        const observation = await probeTarget({
          url: `${scheme}://127.0.0.1:${port}/`,
          identity: fixtures.identity('tpp1'),
          timeouts,
          signal: controller.signal,
        });
        expect(performance.now() - abortedAt, 'ms from abort to observation').to.be.below(promptMs);
        expect(observation).to.include({ outcome: 'error', stage, interrupted: true });
        expect(observation.reason).to.match(/^interrupted .*: the probe was cancelled, nothing is concluded/);
        expect(observation.acceptableCaNames).to.deep.equal({
          obtained: false,
          why: 'not read: the probe was cancelled',
        });
      } finally {
        await close(server);
      }
    });
  }

  it('a signal aborted before the probe: nothing is sent, the observation is interrupted at tcp', async () => {
    let connections = 0;
    const server = createNetServer((socket) => {
      connections += 1;
      silently(socket);
    });
    const port = await listen(server);
    try {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${port}/`,
        timeouts,
        signal: AbortSignal.abort(),
      });
      expect(observation).to.include({ outcome: 'error', stage: 'tcp', interrupted: true });
      expect(connections).to.equal(0);
    } finally {
      await close(server);
    }
  });

  it('a signal that is never aborted changes nothing: the verdict is the server’s, no interrupted mark', async () => {
    const server = await startHttpsServer(
      { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') },
      okHandler,
    );
    try {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${server.port}/`,
        timeouts,
        signal: new AbortController().signal,
      });
      expect(observation).to.include({ outcome: 'accepted', stage: 'http' });
      expect(observation).not.to.have.property('interrupted');
    } finally {
      await server.close();
    }
  });
});

const open = new Set<Socket>();

/** Reads and never writes; errors from the probe's hang-up are expected. */
function silently<T extends Socket>(socket: T): T {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
  socket.on('error', () => undefined);
  return socket;
}

async function listen(server: Server): Promise<number> {
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    open.forEach((socket) => socket.destroy());
  });
}
