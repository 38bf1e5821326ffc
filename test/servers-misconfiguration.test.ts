import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { ServerMisconfiguration } from '../harness/servers/server-misconfiguration.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

// What each deliberately broken server lets in (true) or refuses (false). A correct server (the
// curl matrix) lets in only tpp1 of these; each broken one must visibly differ from it.
const letsIn: Record<ServerMisconfiguration, Record<string, boolean>> = {
  'accept-any-certificate': {
    none: true,
    tpp1: true,
    rogue: true,
    'self-signed': true,
    expired: true,
    'not-yet-valid': true,
    'wrong-eku': true,
  },
  'ignore-validity-dates': {
    none: false,
    tpp1: true,
    rogue: false,
    'self-signed': false,
    expired: true,
    'not-yet-valid': true,
    'wrong-eku': false,
  },
  // These two differ from a correct server only with the key matrix's fixtures and an allow-list:
  // test/key-scenarios-mock.test.ts shows them caught.
  'accept-weak-certificates': {
    none: false,
    tpp1: true,
    rogue: false,
    'self-signed': false,
    expired: false,
    'not-yet-valid': false,
    'wrong-eku': false,
  },
  'substring-allow-list': {
    none: false,
    tpp1: true,
    rogue: false,
    'self-signed': false,
    expired: false,
    'not-yet-valid': false,
    'wrong-eku': false,
  },
};

describe('MockMtlsServer misconfigured on purpose', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  for (const misconfiguration of ['accept-any-certificate', 'ignore-validity-dates'] as const) {
    for (const refusal of ['handshake', 'http'] as const) {
      for (const tls of ['1.2', '1.3'] as const) {
        for (const [name, admitted] of Object.entries(letsIn[misconfiguration])) {
          it(`${misconfiguration}, refusal at ${refusal}, TLS ${tls}: ${name} is ${admitted ? 'let in' : 'refused'}`, async () => {
            await using server = await new MockMtlsServer(fixtures.identity('server'))
              .withTrust(fixtures.certificatePem('ca1'))
              .withRefusal(refusal)
              .withMisconfiguration(misconfiguration)
              .start();
            const result = await runCurl({
              url: `https://localhost:${server.port}/healthcheck`,
              caFile: fixtures.path('ca1', 'crt'),
              tls,
              ...(name === 'none'
                ? {}
                : { cert: fixtures.path(name, 'crt'), key: fixtures.path(name, 'key') }),
            });
            const [record] = await server.waitForConnections(1);

            expect(result.status, result.stderr).to.equal(admitted ? 200 : refusal === 'http' ? 400 : 0);
            expect(record?.verdict).to.equal(admitted ? 'accepted' : 'rejected');
            // The record stays honest about the certificate even when the server let it in.
            expect(record?.authorized).to.equal(name === 'tpp1');
            if (admitted && name !== 'tpp1')
              expect(record?.reason).to.include(`misconfiguration ${misconfiguration}`);
          });
        }
      }
    }
  }

  it('ignore-validity-dates still refuses a certificate that is expired and untrusted', async () => {
    // The fixtures have no expired certificate from rogue-ca: trusting only rogue-ca makes `expired` both.
    await using server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.certificatePem('rogue-ca'))
      .withRefusal('http')
      .withMisconfiguration('ignore-validity-dates')
      .start();
    const result = await runCurl({
      url: `${server.url}/healthcheck`,
      caFile: fixtures.path('ca1', 'crt'),
      cert: fixtures.path('expired', 'crt'),
      key: fixtures.path('expired', 'key'),
    });
    const [record] = await server.waitForConnections(1);

    expect(result.status).to.equal(400);
    expect(record?.verdict).to.equal('rejected');
    expect(record?.reason).to.include('CERT_HAS_EXPIRED');
    // The first problem is about trust, not dates (curl sends ca1 along: see servers-openssl-s-client).
    expect(record?.authorizationError).to.equal('SELF_SIGNED_CERT_IN_CHAIN');
  });
});
