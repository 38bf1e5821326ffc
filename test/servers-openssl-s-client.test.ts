import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';
import { runSClient } from './support/run-s-client.ts';

describe('MockMtlsServer seen by openssl s_client', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const server = (): MockMtlsServer =>
    new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.trustBundlePem(['ca1']));
  const tpp = (name: string) => ({ cert: fixtures.path(name, 'crt'), key: fixtures.path(name, 'key') });

  describe('refusal at the handshake', () => {
    // The alerts OpenSSL sends when SSL_VERIFY_FAIL_IF_NO_PEER_CERT is set (verified-tls-facts.md).
    for (const [tls, alert] of [
      ['1.2', 40],
      ['1.3', 116],
    ] as const) {
      it(`TLS ${tls}, no certificate: alert ${alert}, recorded as refused at the handshake`, async () => {
        await using started = await server().start();
        const result = await runSClient({ port: started.port, tls, caFile: fixtures.path('ca1', 'crt') });
        const [record] = await started.waitForConnections(1);

        expect(result.alert, result.output).to.equal(alert);
        expect(result.httpStatus).to.equal(undefined);
        expect(record?.verdict).to.equal('rejected');
        expect(record?.refusedAt).to.equal('handshake');
        expect(record?.reason).to.include(
          alert === 40 ? 'handshake_failure (40)' : 'certificate_required (116)',
        );
      });

      it(`TLS ${tls}, a certificate that fails verification: no alert and no answer, as Node's rejectUnauthorized`, async () => {
        await using started = await server().start();
        const result = await runSClient({
          port: started.port,
          tls,
          caFile: fixtures.path('ca1', 'crt'),
          ...tpp('rogue'),
        });
        const [record] = await started.waitForConnections(1);

        expect(result.alert, result.output).to.equal(undefined);
        expect(result.httpStatus).to.equal(undefined);
        expect(record?.verdict).to.equal('rejected');
        expect(record?.refusedAt).to.equal('handshake');
        expect(record?.authorizationError).to.equal('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
      });
    }
  });

  describe('refusal over HTTP', () => {
    for (const tls of ['1.2', '1.3'] as const) {
      it(`TLS ${tls}: no alert, the handshake completes and the answer is 400`, async () => {
        await using started = await server().withRefusal('http').start();
        const result = await runSClient({ port: started.port, tls, caFile: fixtures.path('ca1', 'crt') });

        expect(result.alert, result.output).to.equal(undefined);
        expect(result.httpStatus).to.equal(400);
        expect(result.output).to.include('<center>No required SSL certificate was sent</center>');
      });
    }
  });

  describe('the CA names of the CertificateRequest', () => {
    for (const tls of ['1.2', '1.3'] as const) {
      it(`TLS ${tls}: by default the trust bundle's subjects, one entry per CA (ca1 and ca2 share their DN)`, async () => {
        await using started = await server()
          .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
          .start();
        const result = await runSClient({
          port: started.port,
          tls,
          caFile: fixtures.path('ca1', 'crt'),
          ...tpp('tpp2'),
        });

        expect(result.acceptableCaNames, result.output).to.have.length(2);
        for (const name of result.acceptableCaNames ?? []) expect(name).to.include('CN = Axway Root CA');
        expect(result.httpStatus).to.equal(200);
      });

      it(`TLS ${tls}: withAcceptableCas lists only rogue-ca while trusting ca1; s_client still sends tpp1, which is accepted`, async () => {
        await using started = await server().withAcceptableCas(fixtures.certificatePem('rogue-ca')).start();
        const result = await runSClient({
          port: started.port,
          tls,
          caFile: fixtures.path('ca1', 'crt'),
          ...tpp('tpp1'),
        });
        const [record] = await started.waitForConnections(1);

        expect(result.acceptableCaNames, result.output).to.deep.equal([
          'C = BR, O = Rogue Ltd, CN = Rogue Root CA',
        ]);
        expect(result.httpStatus).to.equal(200);
        expect(record?.clientChain[0]?.subject).to.include('CN=tpp1.demo.axway.com');
        expect(record?.verdict).to.equal('accepted');
      });

      it(`TLS ${tls}: withAcceptableCas('') sends an empty list; verification still uses the trust`, async () => {
        await using started = await server().withAcceptableCas('').start();
        const accepted = await runSClient({
          port: started.port,
          tls,
          caFile: fixtures.path('ca1', 'crt'),
          ...tpp('tpp1'),
        });
        const refused = await runSClient({
          port: started.port,
          tls,
          caFile: fixtures.path('ca1', 'crt'),
          ...tpp('rogue'),
        });

        expect(accepted.acceptableCaNames, accepted.output).to.equal(null);
        expect(accepted.httpStatus).to.equal(200);
        expect(refused.httpStatus).to.equal(undefined);
      });
    }
  });

  it('client auth none: no certificate is requested, so s_client sends none even when it has one', async () => {
    await using started = await new MockMtlsServer(fixtures.identity('server'))
      .withClientAuth('none')
      .start();
    const result = await runSClient({
      port: started.port,
      tls: '1.3',
      caFile: fixtures.path('ca1', 'crt'),
      ...tpp('tpp1'),
    });
    const [record] = await started.waitForConnections(1);

    expect(result.httpStatus).to.equal(200);
    expect(record?.clientChain).to.deep.equal([]);
    expect(record?.verdict).to.equal('accepted');
  });

  it('records the chain a client sends after its leaf (-cert_chain), leaf first', async () => {
    await using started = await server().start();
    const result = await runSClient({
      port: started.port,
      tls: '1.3',
      caFile: fixtures.path('ca1', 'crt'),
      ...tpp('intermediate-leaf'),
      chainFile: fixtures.path('intermediate-ca', 'crt'),
    });
    const [record] = await started.waitForConnections(1);

    expect(result.httpStatus).to.equal(200);
    expect(
      record?.clientChain.map((certificate) => /CN=([^,]+)$/.exec(certificate.subject)?.[1]),
    ).to.deep.equal(['intermediate-leaf.demo.axway.com', 'Axway Intermediate CA']);
  });

  it('curl sends the root it finds in --cacert after the leaf (OpenSSL auto-chain); the record shows it when the server does not list that root', async () => {
    await using started = await server().withTrust(fixtures.certificatePem('rogue-ca')).start();
    await runCurl({
      url: `${started.url}/healthcheck`,
      caFile: fixtures.path('ca1', 'crt'),
      cert: fixtures.path('tpp1', 'crt'),
      key: fixtures.path('tpp1', 'key'),
    });
    const [record] = await started.waitForConnections(1);

    expect(
      record?.clientChain.map((certificate) => /CN=([^,]+)$/.exec(certificate.subject)?.[1]),
    ).to.deep.equal(['tpp1.demo.axway.com', 'Axway Root CA']);
    expect(record?.authorizationError).to.equal('SELF_SIGNED_CERT_IN_CHAIN');
  });
});
