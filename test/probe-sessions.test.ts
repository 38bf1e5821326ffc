import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { TlsSession } from '../harness/probe/tls-session.ts';
import { testFixtures } from './support/fixtures.ts';
import { startOpensslServer, type StartedOpensslServer } from './support/openssl-server.ts';

// Session capture and resumption in the probe, checked against openssl s_server, whose -www page says
// whether it resumed ("Reused, TLSv1.3, …") or made a new session ("New, …"): the server's own word,
// not the client's. openssl s_client -sess_out / -sess_in cross-check the sessions both ways.

// The -www page lists every cipher before the "New, …" line: past the probe's default 4 KiB.
const pageBytes = 64 * 1024;

const versions = [
  { version: 'TLSv1.2', flag: '-tls1_2' },
  { version: 'TLSv1.3', flag: '-tls1_3' },
] as const;

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) =>
      error && !stdout
        ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`))
        : resolve(`${stdout}${stderr}`),
    );
    // A child that is done before reading its input (s_client after its handshake) closes stdin: the
    // EPIPE is no failure, its output says what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** What s_server -www said about the connection: `New` or `Reused`. */
function serverSaid(observation: Observation): string | undefined {
  return /^(New|Reused), TLSv1\.[23]/m.exec(observation.http?.body ?? '')?.[1];
}

describe('probe: TLS sessions, SNI and Host', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  let server: StartedOpensslServer;
  let folder: string;

  before(async () => {
    fixtures = await testFixtures();
    folder = await mkdtemp(join(tmpdir(), 'mtlsc-sessions-'));
    // -verify 1 asks for a certificate without insisting: a resumed session presents none.
    server = await startOpensslServer([
      '-www',
      '-verify',
      '1',
      '-CAfile',
      fixtures.path('ca1', 'crt'),
      '-cert',
      fixtures.path('server', 'crt'),
      '-key',
      fixtures.path('server', 'key'),
    ]);
  });

  after(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const url = () => `https://localhost:${server.port}/`;

  for (const { version } of versions) {
    it(`${version}: keeps the sessions the server issues, resumes one when asked, and only then`, async () => {
      const kept: TlsSession[] = [];
      const first = await probeTarget({
        url: url(),
        maxBodyBytes: pageBytes,
        identity: fixtures.identity('tpp1'),
        minVersion: version,
        maxVersion: version,
        acceptableCaNames: 'skip',
        onSession: (session) => kept.push(session),
      });
      expect(serverSaid(first), first.reason).to.equal('New');
      expect(kept.length, 'sessions issued').to.be.greaterThan(0);
      expect(first.session?.issued).to.deep.equal(kept.map((session) => session.facts));
      const facts = kept[0]!.facts;
      expect(facts.protocol).to.equal(version);
      expect(facts.ticket?.lifetimeHintSeconds).to.equal(7200); // s_server's default session timeout

      const resumed = await probeTarget({
        url: url(),
        maxBodyBytes: pageBytes,
        minVersion: version,
        maxVersion: version,
        acceptableCaNames: 'skip',
        resumeSession: kept[0]!,
      });
      expect(serverSaid(resumed), resumed.reason).to.equal('Reused');
      expect(resumed.session?.offered?.resumed).to.equal(true);
      expect(resumed.session?.offered?.ticket?.sha256).to.equal(facts.ticket?.sha256);
      expect(resumed.session?.offered?.ageMs).to.be.a('number').and.at.least(0);

      // The shared secure context of tpp1 never carries that session to a probe that did not ask.
      const again = await probeTarget({
        url: url(),
        maxBodyBytes: pageBytes,
        identity: fixtures.identity('tpp1'),
        minVersion: version,
        maxVersion: version,
        acceptableCaNames: 'skip',
      });
      expect(serverSaid(again), again.reason).to.equal('New');
      expect(again.session).to.equal(undefined);
      expect(again.sent).to.equal(undefined);
    });
  }

  it('TLS 1.2 without tickets: the server caches the session by id, and resumes it by id', async () => {
    const kept: TlsSession[] = [];
    await probeTarget({
      url: url(),
      maxBodyBytes: pageBytes,
      maxVersion: 'TLSv1.2',
      acceptableCaNames: 'skip',
      sessionTickets: false,
      onSession: (session) => kept.push(session),
    });
    const facts = kept[0]!.facts;
    expect(facts.ticket).to.equal(undefined);
    expect(facts.sessionId).to.match(/^[0-9A-F]{64}$/);
    const resumed = await probeTarget({
      url: url(),
      maxBodyBytes: pageBytes,
      maxVersion: 'TLSv1.2',
      acceptableCaNames: 'skip',
      resumeSession: kept[0]!,
    });
    expect(serverSaid(resumed)).to.equal('Reused');
    expect(resumed.session?.offered?.sessionId).to.equal(facts.sessionId);
  });

  for (const { version, flag } of versions) {
    it(`${version}: a session from openssl s_client -sess_out resumes in a probe, and a probe's in s_client -sess_in`, async () => {
      const fromOpenssl = join(folder, `s_client-${version}.pem`);
      await run(
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${server.port}`,
          flag,
          '-servername',
          'localhost',
          '-sess_out',
          fromOpenssl,
          '-ign_eof',
        ],
        'GET / HTTP/1.0\r\n\r\n',
      );
      const session = TlsSession.fromPem(await readFile(fromOpenssl, 'utf8'));
      const text = await run('openssl', ['sess_id', '-in', fromOpenssl, '-noout', '-text']);
      // The facts read from the DER agree with OpenSSL's own reading of the file.
      expect(text).to.include(`Protocol  : ${version}`);
      expect(text).to.include(
        `TLS session ticket lifetime hint: ${session.facts.ticket?.lifetimeHintSeconds} (seconds)`,
      );
      // A TLS 1.2 session resumes only in a TLS 1.2 handshake: offered with 1.3 allowed, it is ignored.
      const resumed = await probeTarget({
        url: url(),
        maxBodyBytes: pageBytes,
        minVersion: version,
        maxVersion: version,
        acceptableCaNames: 'skip',
        resumeSession: session,
      });
      expect(serverSaid(resumed), resumed.reason).to.equal('Reused');

      const kept: TlsSession[] = [];
      await probeTarget({
        url: url(),
        maxBodyBytes: pageBytes,
        minVersion: version,
        maxVersion: version,
        acceptableCaNames: 'skip',
        onSession: (each) => kept.push(each),
      });
      const fromProbe = join(folder, `probe-${version}.pem`);
      await writeFile(fromProbe, kept[0]!.toPem(), { mode: 0o600 });
      const output = await run(
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${server.port}`,
          flag,
          '-servername',
          'localhost',
          '-sess_in',
          fromProbe,
          '-ign_eof',
        ],
        'GET / HTTP/1.0\r\n\r\n',
      );
      expect(output).to.match(new RegExp(`^Reused, ${version.replace('.', '\\.')}`, 'm'));
    });
  }

  it('keeps the secret of a session out of JSON, inspect and the observation', async () => {
    const kept: TlsSession[] = [];
    const observation = await probeTarget({
      url: url(),
      maxBodyBytes: pageBytes,
      acceptableCaNames: 'skip',
      onSession: (session) => kept.push(session),
    });
    const session = kept[0]!;
    const secret = session.der.toString('base64');
    expect(session.toPem()).to.include('BEGIN SSL SESSION PARAMETERS');
    for (const shown of [JSON.stringify(session), inspect(session), JSON.stringify(observation)]) {
      expect(shown).not.to.include(secret.slice(40, 80));
      expect(shown).not.to.include('SSL SESSION');
    }
    expect(JSON.stringify(session)).to.include(session.facts.ticket!.sha256);
  });

  it('offers a session to a server that then fails the handshake without crashing (Node 20 SIGSEGV)', async () => {
    const kept: TlsSession[] = [];
    await probeTarget({
      url: url(),
      maxBodyBytes: pageBytes,
      acceptableCaNames: 'skip',
      onSession: (session) => kept.push(session),
    });
    // A server that aborts every handshake once it has read the ClientHello's SNI.
    const refusing = createServer({
      SNICallback: (_name, callback) => callback(new Error('no such site')),
      key: fixtures.identity('server').privateKeyPem,
      cert: fixtures.identity('server').certificatePem,
    });
    refusing.on('tlsClientError', () => undefined);
    const port = await listen(refusing);
    try {
      const observation = await probeTarget({
        url: `https://localhost:${port}/`,
        acceptableCaNames: 'skip',
        resumeSession: kept[0]!,
      });
      expect(observation.outcome).to.not.equal('accepted');
      expect(observation.session?.offered?.resumed).to.equal(undefined);
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  describe('SNI and Host', () => {
    let echo: Server;
    let port: number;
    before(async () => {
      // Answers with the SNI its handshake saw and the Host its request carried.
      echo = createServer(
        { key: fixtures.identity('server').privateKeyPem, cert: fixtures.identity('server').certificatePem },
        (socket: TLSSocket) => {
          socket.once('data', (request: Buffer) => {
            const host = /^host: (.*)\r$/im.exec(request.toString('latin1'))?.[1] ?? '';
            const body = JSON.stringify({ sni: socket.servername || null, host });
            socket.end(
              `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
            );
          });
          socket.on('error', () => undefined);
        },
      );
      port = await listen(echo);
    });
    after(async () => {
      await new Promise((resolve) => echo?.close(resolve));
    });

    const seen = (observation: Observation) =>
      JSON.parse(observation.http?.body ?? '{}') as { sni: string | null; host: string };

    it('sends the URL host as SNI and Host by default, and says nothing about it', async () => {
      const observation = await probeTarget({ url: `https://localhost:${port}/`, acceptableCaNames: 'skip' });
      expect(seen(observation)).to.deep.equal({ sni: 'localhost', host: `localhost:${port}` });
      expect(observation.sent).to.equal(undefined);
    });

    it('sends no SNI with sendServername: false, still judging the certificate against the URL host', async () => {
      const observation = await probeTarget({
        url: `https://localhost:${port}/`,
        sendServername: false,
        acceptableCaNames: 'skip',
      });
      expect(seen(observation)).to.deep.equal({ sni: null, host: `localhost:${port}` });
      expect(observation.sent).to.deep.equal({ servername: null, host: `localhost:${port}` });
      expect(observation.tls?.hostnameMatches).to.equal(true);
    });

    it('sends an SNI and a Host that differ, and records both', async () => {
      const observation = await probeTarget({
        url: `https://localhost:${port}/`,
        servername: 'public.example.test',
        headers: { host: 'LOCALHOST.' },
        acceptableCaNames: 'skip',
      });
      expect(seen(observation)).to.deep.equal({ sni: 'public.example.test', host: 'LOCALHOST.' });
      expect(observation.sent).to.deep.equal({ servername: 'public.example.test', host: 'LOCALHOST.' });
    });
  });
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}
