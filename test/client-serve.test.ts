import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { CliSession } from './support/cli-session.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { runCurl } from './support/run-curl.ts';

const serving = /^Serving (https:\/\/127\.0\.0\.1:(\d+))\/ as server/m;

describe('mtls-conformance serve (the real CLI in a subprocess)', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  let session: CliSession | undefined;

  before(async () => {
    fixtures = await testFixtures();
  });
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  it('prints one block per client with what it presented, and exits 130 on SIGINT', async () => {
    session = new CliSession(['serve', '--port', '0', '--fixtures', testFixturesDir, '--trusts', 'ca1']);
    const [, url] = await session.waitForStderr(serving);
    expect(session.stderr).to.include('client certificate required from [ca1], refused at the handshake');
    expect(session.stderr).to.include(`try: curl --cacert ${fixtures.path('ca1', 'crt')}`);

    const caFile = fixtures.path('ca1', 'crt');
    const accepted = await runCurl({
      url: `${url}/`,
      caFile,
      cert: fixtures.path('tpp1', 'crt'),
      key: fixtures.path('tpp1', 'key'),
    });
    expect(accepted.status).to.equal(200);
    const [first] = await session.waitForStderr(
      /^connection 1 from 127\.0\.0\.1:\d+ at .+: accepted\n(?: {2}.*\n)+\n/m,
    );
    expect(first).to.match(/^ {2}TLS {8}TLSv1\.3, TLS_AES_256_GCM_SHA384, no SNI$/m);
    expect(first).to.match(
      /^ {2}presented {2}CN=tpp1\.demo\.axway\.com issued by CN=Axway Root CA, chain of 1$/m,
    );
    expect(first).to.match(/^ {4}issuer {3}C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA$/m);
    expect(first).to.match(/^ {4}SHA-256 {2}([0-9A-F]{2}:){31}[0-9A-F]{2}$/m);
    expect(first).to.include('  verified   yes, against the trusted CAs');

    const refused = await runCurl({
      url: `${url}/`,
      caFile,
      cert: fixtures.path('tpp2', 'crt'),
      key: fixtures.path('tpp2', 'key'),
    });
    expect(refused.status).to.equal(0);
    const [second] = await session.waitForStderr(/^connection 2 from .+: rejected\n(?: {2}.*\n)+\n/m);
    // ca2 has ca1's subject DN: the issuer reads the same, the signature does not verify.
    expect(second).to.include('  presented  CN=tpp2.demo.axway.com issued by CN=Axway Root CA, chain of 1');
    expect(second).to.match(/ {2}verified {3}no: /);
    expect(second).to.match(
      / {2}decision {3}client certificate CN=tpp2\.demo\.axway\.com .* failed verification/,
    );

    session.signal('SIGINT');
    const exit = await session.exited;
    expect(exit.code).to.equal(130);
    expect(session.stderr.trimEnd().split('\n').at(-1)).to.equal('SIGINT: stopped after 2 connections.');
  });

  it('serves the certificates a client must refuse, for checking one by hand', async () => {
    session = new CliSession([
      ...['serve', '--port', '0', '--fixtures', testFixturesDir, '--identity', 'rogue-server'],
      ...['--misconfiguration', 'accept-any-certificate', '--tls-min', '1.2', '--tls-max', '1.2'],
    ]);
    const [, url] = await session.waitForStderr(
      /^Serving (https:\/\/127\.0\.0\.1:\d+)\/ as rogue-server \(CN=localhost issued by CN=Rogue Root CA/m,
    );
    const answer = await runCurl({ url: `${url}/`, caFile: fixtures.path('ca1', 'crt') });
    expect(answer.exitCode).to.equal(60);
    const [block] = await session.waitForStderr(/^connection 1 .*\n(?: {2}.*\n)+\n/m);
    expect(block).to.include('incomplete').and.include('TLS alert unknown_ca');
    session.signal('SIGTERM');
    expect((await session.exited).code).to.equal(130);
  });

  it('refuses bad flags before opening a port, all at once, and exits 2', async () => {
    const result = await runCliProcess([
      ...['serve', '--fixtures', testFixturesDir, '--client-auth', 'maybe', '--tls-min', '1.4'],
      ...['--port', '70000'],
    ]);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim()).to.equal(
      'mtls-conformance: Cannot serve: --client-auth "maybe" is not one of: require, optional, none; --tls-min "1.4" is not one of: 1.0, 1.1, 1.2, 1.3; --port 70000 is not a whole number from 0 to 65535.',
    );
    const unknown = await runCliProcess([
      'serve',
      '--fixtures',
      testFixturesDir,
      '--trusts',
      'ca1,ca9',
      '--port',
      '0',
    ]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('Cannot serve: ca9 is not a CA of the fixture set in');
  });

  it('warns before listening on an address other machines can reach', async () => {
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface here: the warning is given, then listen fails.
    const result = await runCliProcess([
      'serve',
      '--fixtures',
      testFixturesDir,
      '--host',
      '192.0.2.1',
      '--port',
      '0',
    ]);
    expect(result.stderr).to.include(
      'mtls-conformance: warning: The mock mTLS server listens on 192.0.2.1, which is not a loopback address',
    );
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('no interface has this address (EADDRNOTAVAIL)');
  });
});
