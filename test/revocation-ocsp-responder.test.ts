import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { OcspAuthority } from '../harness/pki/ocsp-authority.ts';
import { readOcspAuthorities } from '../harness/pki/read-ocsp-authorities.ts';
import {
  startOcspResponder,
  type OcspResponderOptions,
  type StartedOcspResponder,
} from '../harness/servers/ocsp-responder.ts';
import { testFixtures } from './support/fixtures.ts';

const run = promisify(execFile);

/** `openssl ocsp` output, stdout and stderr, whatever its exit status. */
async function opensslOcsp(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('openssl', ['ocsp', ...args], { timeout: 20_000 });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return (failed.stdout ?? '') + (failed.stderr ?? '');
  }
}

describe('OCSP responder (RFC 6960), as openssl ocsp sees it', function () {
  this.timeout(60_000);
  let set: FixtureSet;
  let authorities: OcspAuthority[];
  let responder: StartedOcspResponder | undefined;
  let work: string;
  before(async () => {
    set = await testFixtures();
    authorities = await readOcspAuthorities(set.dir);
    work = await mkdtemp(join(tmpdir(), 'mtlsc-ocsp-'));
  });
  afterEach(async () => {
    await responder?.close();
    responder = undefined;
  });
  after(() => rm(work, { recursive: true, force: true }));

  const start = async (options: OcspResponderOptions = {}) => {
    responder = await startOcspResponder(authorities, options);
    return responder;
  };
  const ask = (url: string, name: string, issuer = set.issuerOf(name) ?? 'ca1', extra: string[] = []) =>
    opensslOcsp([
      '-issuer',
      set.path(issuer, 'crt'),
      '-cert',
      set.path(name, 'crt'),
      '-url',
      url,
      '-CAfile',
      set.path('ca1', 'crt'),
      ...extra,
    ]);

  // [certificate, issuer, signer, what openssl ocsp prints]
  const truthful: Array<[string, string, 'ca' | 'delegated', string]> = [
    ['tpp1', 'ca1', 'ca', 'tpp1.crt: good'],
    ['revoked', 'ca1', 'ca', 'revoked.crt: revoked'],
    ['revoked-intermediate-ca', 'ca1', 'ca', 'revoked-intermediate-ca.crt: revoked'],
    // rogue's serial under ca1's name and key: a certificate ca1 never issued.
    ['rogue', 'ca1', 'ca', 'rogue.crt: unknown'],
    ['tpp1', 'ca1', 'delegated', 'tpp1.crt: good'],
    ['revoked', 'ca1', 'delegated', 'revoked.crt: revoked'],
  ];
  for (const [name, issuer, signer, says] of truthful) {
    it(`POST, signed by the ${signer === 'ca' ? 'CA' : 'delegated responder (id-kp-OCSPSigning)'}: ${says}, Response verify OK`, async () => {
      const { url } = await start({ signer });
      const output = await ask(url, name, issuer);
      expect(output).to.contain('Response verify OK').and.to.contain(says);
    });
  }

  it('GET with the request base64- and URL-encoded in the path (RFC 6960 A.1) gets the same answer', async () => {
    const { url } = await start();
    const requestFile = join(work, 'request.der');
    await opensslOcsp([
      '-issuer',
      set.path('ca1', 'crt'),
      '-cert',
      set.path('revoked', 'crt'),
      '-no_nonce',
      '-reqout',
      requestFile,
    ]);
    const encoded = encodeURIComponent((await readFile(requestFile)).toString('base64'));
    const response = await fetch(`${url}${encoded}`);
    expect(response.headers.get('content-type')).to.equal('application/ocsp-response');
    const responseFile = join(work, 'response.der');
    await writeFile(responseFile, Buffer.from(await response.arrayBuffer()));
    const output = await opensslOcsp([
      '-issuer',
      set.path('ca1', 'crt'),
      '-cert',
      set.path('revoked', 'crt'),
      '-CAfile',
      set.path('ca1', 'crt'),
      '-respin',
      responseFile,
      '-no_nonce',
    ]);
    expect(output).to.contain('Response verify OK').and.to.contain('revoked.crt: revoked');
    expect(responder?.exchanges().map((exchange) => exchange.method)).to.deep.equal(['GET']);
  });

  it('records each exchange: when, from whom, which serial, which status, who signed', async () => {
    const { url } = await start();
    await ask(url, 'revoked');
    const [exchange] = responder?.exchanges() ?? [];
    expect(exchange).to.include({
      method: 'POST',
      fault: 'none',
      responseStatus: 'successful',
      signedBy: 'ca',
    });
    expect(exchange?.from).to.match(/^127\.0\.0\.1:\d+$/);
    expect(Date.parse(exchange?.at ?? '')).to.be.closeTo(Date.now(), 30_000);
    expect(exchange?.statuses).to.deep.equal([
      {
        serialNumber: set.manifest.identities.find((i) => i.name === 'revoked')?.serialNumber,
        issuer: 'ca1',
        status: 'revoked',
      },
    ]);
  });

  // Fault modes, each as openssl ocsp reports it.
  it('unknown: every certificate is unknown', async () => {
    const { url } = await start({ fault: 'unknown' });
    expect(await ask(url, 'tpp1')).to.contain('tpp1.crt: unknown');
  });
  it('stale: a signed, verifiable answer whose nextUpdate is 30 days past', async () => {
    const { url } = await start({ fault: 'stale' });
    const output = await ask(url, 'tpp1');
    expect(output).to.contain('Response verify OK');
    const nextUpdate = Date.parse(/Next Update: (.+) GMT/.exec(output)?.[1] ?? '');
    expect(Date.now() - nextUpdate).to.be.closeTo(30 * 24 * 3600 * 1000, 3600 * 1000);
  });
  it('unauthorized-signer: signed with a client key (tpp1, no id-kp-OCSPSigning), the response does not verify', async () => {
    const { url } = await start({
      fault: 'unauthorized-signer',
      unauthorizedSigner: {
        privateKeyPem: await readFile(set.path('tpp1', 'key'), 'utf8'),
        certificateDer: Buffer.from(
          set
            .certificatePem('tpp1')
            .replace(/-----[^-]+-----/g, '')
            .replace(/\s/g, ''),
          'base64',
        ),
        isIssuer: false,
      },
    });
    const output = await ask(url, 'tpp3');
    expect(output).to.contain('Response Verify Failure');
    expect(responder?.exchanges()[0]?.signedBy).to.equal('unauthorized');
  });
  it('try-later: responseStatus tryLater, no answer', async () => {
    const { url } = await start({ fault: 'try-later' });
    expect(await ask(url, 'tpp1')).to.contain('Responder Error: trylater (3)');
  });
  it('down: the connection is reset, no answer; setFault switches while running', async () => {
    const started = await start({ fault: 'down' });
    expect(await ask(started.url, 'tpp1')).to.match(
      /Error querying OCSP responder|Connection reset|connection/i,
    );
    started.setFault('none');
    expect(await ask(started.url, 'tpp1')).to.contain('tpp1.crt: good');
  });
  it('slow: answers after slowMs', async () => {
    const { url } = await start({ fault: 'slow', slowMs: 1500 });
    const began = Date.now();
    expect(await ask(url, 'tpp1')).to.contain('tpp1.crt: good');
    expect(Date.now() - began).to.be.at.least(1400);
  });
  it('a port in use is one line naming it and the fix', async () => {
    const first = await start();
    const error = await startOcspResponder(authorities, { port: first.port }).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).to.equal(
      `Cannot start the OCSP responder on 127.0.0.1:${first.port}: the port is in use (EADDRINUSE). Stop what listens there, or give the responder another port (the fixtures' ocspUrl names it).`,
    );
  });
});
