import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, createServer, type Server } from 'node:tls';
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { isWrongPkcs12Password } from '../harness/pki/keystore-error.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

/** A Node TLS server that demands a client certificate from `trusted` CAs and answers "ok" once accepted. */
async function startServer(set: FixtureSet, trusted: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer({
    key: set.identity('server').privateKeyPem,
    cert: set.certificatePem('server'),
    ca: set.trustBundlePem(trusted),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('secureConnection', (socket) => socket.end('ok'));
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Connects presenting a fixture and reports whether the server let it in. Under TLS 1.3 the client's
 * handshake completes before the server judges its certificate (verified-tls-facts.md), so only the
 * answer, "ok" or an alert in its place, tells.
 */
async function presents(set: FixtureSet, port: number, name: string): Promise<'accepted' | 'refused'> {
  const identity = set.identity(name);
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ca: set.certificatePem('ca1'),
      key: identity.privateKeyPem,
      cert: [identity.certificatePem, ...identity.chainPems].join(''),
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('end', () => resolve(data === 'ok' ? 'accepted' : 'refused'));
    socket.on('error', () => resolve('refused'));
  });
}

describe('fixtures, judged by a Node TLS server', () => {
  let set: FixtureSet;
  const servers: Server[] = [];
  before(async () => {
    set = await testFixtures();
  });
  after(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function serverTrusting(trusted: string[]): Promise<number> {
    const { server, port } = await startServer(set, trusted);
    servers.push(server);
    return port;
  }

  it('trusting ca1: accepts tpp1 and intermediate-leaf, refuses tpp2, rogue, expired, not-yet-valid, self-signed, wrong-eku', async () => {
    const port = await serverTrusting(['ca1']);
    const names = [
      'tpp1',
      'intermediate-leaf',
      'tpp2',
      'rogue',
      'expired',
      'not-yet-valid',
      'self-signed',
      'wrong-eku',
    ];
    const outcomes = Object.fromEntries(
      await Promise.all(names.map(async (name) => [name, await presents(set, port, name)] as const)),
    );
    expect(outcomes).to.deep.equal({
      tpp1: 'accepted',
      'intermediate-leaf': 'accepted',
      tpp2: 'refused',
      rogue: 'refused',
      expired: 'refused',
      'not-yet-valid': 'refused',
      'self-signed': 'refused',
      'wrong-eku': 'refused',
    });
  });

  it('trusting ca1+ca2 (same subject DN): accepts both tpp1 and tpp2, still refuses rogue', async () => {
    const port = await serverTrusting(['ca1', 'ca2']);
    expect(await presents(set, port, 'tpp1')).to.equal('accepted');
    expect(await presents(set, port, 'tpp2')).to.equal('accepted');
    expect(await presents(set, port, 'rogue')).to.equal('refused');
  });

  it('refuses intermediate-leaf sent without its chain', async () => {
    const port = await serverTrusting(['ca1']);
    const identity = set.identity('intermediate-leaf', { withChain: false });
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: set.certificatePem('ca1'),
        key: identity.privateKeyPem,
        cert: identity.certificatePem,
      });
      socket.on('data', () => resolve('accepted'));
      socket.on('error', () => resolve('refused'));
      socket.on('end', () => resolve('refused'));
    });
    expect(outcome).to.equal('refused');
  });

  it("Node opens the .p12 with the passphrase, and says only 'mac verify failure' (no code) for a wrong one", async () => {
    const pfx = await readFile(set.path('tpp1', 'p12'));
    expect(() => createSecureContext({ pfx, passphrase: testPassphrase })).to.not.throw();
    let caught: unknown;
    try {
      createSecureContext({ pfx, passphrase: 'wrong' });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).to.equal('mac verify failure');
    expect((caught as NodeJS.ErrnoException).code).to.equal(undefined);
    expect(isWrongPkcs12Password(caught)).to.be.true;
    expect(isWrongPkcs12Password(new Error('ECONNRESET'))).to.be.false;
  });
});
