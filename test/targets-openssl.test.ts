import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { OPENSSL_DIR_PREFIX, OpenSslTargetProvider } from '../harness/targets/openssl-target.ts';
import type { LocalTargetDeclaration } from '../harness/targets/target-provider.ts';
import { curlVerdict, type CurlVerdict } from './support/curl-verdict.ts';
import { testFixtures } from './support/fixtures.ts';
import { processesMatching, tempEntriesStartingWith } from './support/target-leftovers.ts';

function declare(trusts: string[]): LocalTargetDeclaration {
  return {
    name: `hs-${randomUUID().slice(0, 8)}`,
    trusts,
    rejectAt: 'handshake',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  };
}

/** `accepted` for s_server's HTTP 200 status page, else how the handshake failed as curl saw it. */
function verdictLine(verdict: CurlVerdict): string {
  if (verdict.kind === 'http')
    return verdict.status === 200 && verdict.body.includes('s_server')
      ? 'accepted'
      : `HTTP ${verdict.status}`;
  // OpenSSL's names for the alert the server sent, as curl prints them.
  const alert = /(sslv3|tlsv13|tlsv1) alert ([a-z ]+)/.exec(verdict.error);
  const firstLine = verdict.error.split('\n')[0]!.replace(/^curl: \(\d+\) /, '');
  return `curl ${verdict.exitCode}: ${alert ? `${alert[1]} alert ${alert[2]}` : firstLine}`;
}

// What curl sees from `openssl s_server -Verify 2 -verify_return_error` trusting ca1. TLS 1.2 refuses
// inside the handshake (curl 35); TLS 1.3 finishes the client's side first (RFC 8446 4.4.2), so the
// alert arrives on the first read (curl 56), as shared/recipes/verified-tls-facts.md records for Node.
const byVersion = {
  '1.2': {
    none: 'curl 35: sslv3 alert handshake failure',
    tpp1: 'accepted',
    tpp2: 'curl 35: tlsv1 alert unknown ca',
    // curl 7.88 reports the certificate_expired alert (45) as its own verification failure.
    expired: 'curl 60: SSL certificate verification failed',
  },
  '1.3': {
    none: 'curl 56: tlsv13 alert certificate required',
    tpp1: 'accepted',
    tpp2: 'curl 56: tlsv1 alert unknown ca',
    expired: 'curl 56: sslv3 alert certificate expired',
  },
} as const;

describe('targets: openssl s_server', function () {
  let fixtures: FixtureSet;

  before(async function () {
    fixtures = await testFixtures();
  });

  for (const [tlsVersion, expected] of Object.entries(byVersion) as [
    keyof typeof byVersion,
    Record<string, string>,
  ][]) {
    it(`-Verify on TLS ${tlsVersion} trusting ca1 refuses at the handshake: ${Object.keys(expected).join(', ')}`, async function () {
      await using target = await new OpenSslTargetProvider({
        declaration: declare(['ca1']),
        fixtures,
        options: { tlsVersion },
      }).start();
      expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const seen: Record<string, string> = {};
      for (const client of Object.keys(expected)) {
        const identity =
          client === 'none' ? {} : { cert: fixtures.path(client, 'crt'), key: fixtures.path(client, 'key') };
        seen[client] = verdictLine(
          await curlVerdict(target.url, { cacert: fixtures.path('ca1', 'crt'), ...identity }),
        );
      }
      expect(seen).to.deep.equal(expected);
    });
  }

  it('pins the protocol: a TLS 1.3 target refuses a TLS 1.2-only client', async function () {
    await using target = await new OpenSslTargetProvider({
      declaration: declare(['ca1']),
      fixtures,
      options: { tlsVersion: '1.3' },
    }).start();
    const verdict = await curlVerdict(target.url, {
      tls: '1.2',
      cert: fixtures.path('tpp1', 'crt'),
      key: fixtures.path('tpp1', 'key'),
    });
    expect(verdict).to.include({ kind: 'failed', exitCode: 35 });
    expect(verdict.kind === 'failed' && verdict.error).to.match(/protocol version/);
  });

  it('-verify (request) lets a client without a certificate in and still refuses a bad one; ca1+ca2 accepts tpp2', async function () {
    await using target = await new OpenSslTargetProvider({
      declaration: declare(['ca1', 'ca2']),
      fixtures,
      options: { verify: 'request' },
    }).start();
    expect(verdictLine(await curlVerdict(target.url))).to.equal('accepted');
    const as = (client: string) =>
      curlVerdict(target.url, { cert: fixtures.path(client, 'crt'), key: fixtures.path(client, 'key') });
    expect(verdictLine(await as('tpp2'))).to.equal('accepted');
    expect(verdictLine(await as('rogue'))).to.match(/^curl \d+: tlsv1 alert unknown ca$/);
  });

  it('builds the documented s_server command line', function () {
    const provider = new OpenSslTargetProvider({
      declaration: declare(['ca1']),
      fixtures,
      options: { tlsVersion: '1.2' },
    });
    expect(provider.arguments(8443, '/tmp/bundle.pem')).to.deep.equal([
      's_server',
      '-accept',
      '127.0.0.1:8443',
      '-cert',
      fixtures.path('server', 'crt'),
      '-key',
      fixtures.path('server', 'key'),
      '-CAfile',
      '/tmp/bundle.pem',
      '-Verify',
      '2',
      '-verify_return_error',
      '-tls1_2',
      '-www',
    ]);
  });

  it('stop() leaves no s_server process and no temporary directory behind', async function () {
    const declaration = declare(['ca1']);
    const target = await new OpenSslTargetProvider({ declaration, fixtures }).start();
    expect(target.startMs).to.be.within(1, 5000);
    expect(await processesMatching(declaration.name)).to.have.length(1);
    expect(await tempEntriesStartingWith(`${OPENSSL_DIR_PREFIX}${declaration.name}-`)).to.have.length(1);
    await target[Symbol.asyncDispose]();
    expect(await processesMatching(declaration.name)).to.deep.equal([]);
    expect(await tempEntriesStartingWith(`${OPENSSL_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
  });

  it('a missing openssl binary is one line naming what was tried and the fix', async function () {
    const provider = new OpenSslTargetProvider({
      declaration: { ...declare(['ca1']), name: 'hs' },
      fixtures,
    });
    for (const [binary, where] of [
      ['/opt/absent/openssl', 'at /opt/absent/openssl'],
      ['openssl-absent', 'on PATH as "openssl-absent"'],
    ]) {
      const error = await provider
        .withBinary(binary!)
        .start()
        .then(
          () => expect.fail('started without openssl'),
          (e: unknown) => e as Error,
        );
      expect(error.message).to.equal(
        `Cannot start target "hs": openssl not found ${where} (ENOENT). Install it (apt-get install openssl) or put it on PATH.`,
      );
    }
  });
});
