import { expect } from 'chai';
import type { CertificateSummary } from '../harness/pki/certificate-summary.ts';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { findAllowedSubject } from '../harness/servers/subject-allow-list.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

const tpp1: CertificateSummary = {
  subject: 'C=BR, O=AXWAY, CN=tpp1.demo.axway.com',
  issuer: 'C=BR, O=Axway, CN=Axway Root CA',
  serialNumber: '01',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  fingerprintSha256: '00',
  subjectAltNames: ['tpp1.demo.axway.com', '127.0.0.1'],
};

describe('findAllowedSubject', () => {
  const cases: Array<[string, string, boolean]> = [
    ['the DN as Node and openssl print it', 'C=BR, O=AXWAY, CN=tpp1.demo.axway.com', true],
    ['the DN without spaces, lower-case types', 'c=BR,o=AXWAY,cn=tpp1.demo.axway.com', true],
    ['the DN in RFC 4514 / Java order', 'CN=tpp1.demo.axway.com, O=AXWAY, C=BR', true],
    ["openssl's slash form", '/C=BR/O=AXWAY/CN=tpp1.demo.axway.com', true],
    ['a DN with a different value (values are exact)', 'C=BR, O=Axway, CN=tpp1.demo.axway.com', false],
    ['a part of the DN', 'CN=tpp1.demo.axway.com', false],
    ['the DNS SAN, any case', 'TPP1.demo.axway.com', true],
    ['the IP SAN', '127.0.0.1', true],
    ['another SAN', 'tpp2.demo.axway.com', false],
    ['a wildcard (not supported: registries pin exact names)', '*.demo.axway.com', false],
  ];
  for (const [what, pattern, matches] of cases) {
    it(`${matches ? 'matches' : 'does not match'} ${what}`, () => {
      expect(findAllowedSubject(tpp1, [pattern])).to.equal(matches ? pattern : undefined);
    });
  }
});

describe('MockMtlsServer with an allow-list (subject pinning)', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const cases = [
    { name: 'tpp1', allowed: true },
    { name: 'tpp2', allowed: false },
    { name: 'rogue', allowed: false },
  ];

  for (const refusal of ['handshake', 'http'] as const) {
    for (const tls of ['1.2', '1.3'] as const) {
      for (const { name, allowed } of cases) {
        const refusedWith = name === 'rogue' ? 400 : 403;
        it(`refusal at ${refusal}, TLS ${tls}: ${name} ${allowed ? 'gets in' : `is refused${refusal === 'http' ? ` with ${refusedWith}` : ''}`}`, async () => {
          await using server = await new MockMtlsServer(fixtures.identity('server'))
            .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
            .withRefusal(refusal)
            .withAllowedSubjects(['tpp1.demo.axway.com'])
            .start();
          const result = await runCurl({
            url: `https://localhost:${server.port}/healthcheck`,
            caFile: fixtures.path('ca1', 'crt'),
            tls,
            cert: fixtures.path(name, 'crt'),
            key: fixtures.path(name, 'key'),
          });
          const [record] = await server.waitForConnections(1);

          const status = allowed ? 200 : refusal === 'http' ? refusedWith : 0;
          expect(result.status, result.stderr).to.equal(status);
          expect(record?.verdict).to.equal(allowed ? 'accepted' : 'rejected');
          if (name === 'tpp2') {
            // Verified (ca2 is trusted) but not listed: the pinning, not the chain, refuses it.
            expect(record?.authorized).to.equal(true);
            expect(record?.reason).to.include('match none of the allowed subjects');
            if (refusal === 'http') expect(result.body).to.include('<center><h1>403 Forbidden</h1></center>');
          }
        });
      }
    }
  }

  it("pins by DN too, written in Java's order", async () => {
    const tpp2 = fixtures.identity('tpp2').certificate.subject.split(', ').reverse().join(',');
    await using server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withAllowedSubjects([tpp2])
      .start();
    const result = await runCurl({
      url: `${server.url}/healthcheck`,
      caFile: fixtures.path('ca1', 'crt'),
      cert: fixtures.path('tpp2', 'crt'),
      key: fixtures.path('tpp2', 'key'),
    });
    const [record] = await server.waitForConnections(1);

    expect(result.status).to.equal(200);
    expect(record?.reason).to.include(`allowed as "${tpp2}"`);
  });
});
