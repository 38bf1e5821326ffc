import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { renderNginxRevocation } from '../harness/targets/render-nginx-revocation.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  revocationDeclaration,
  revocationVerdicts,
  runRevocationScenarios,
} from './support/run-revocation-scenarios.ts';

// The CRL scenarios proven both ways against real nginx (ssl_crl) and openssl s_server (-CRL with
// -crl_check_all): each passes where revocation is checked as declared, fails where the same target
// skips it, and is skipped, never passed, where the declaration asks for nothing.

describe('revocation scenarios (CRL) against real nginx and openssl s_server', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  it('nginx with ssl_crl (current CRLs): revoked-client-cert and revoked-intermediate pass, trusted-client still passes', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-crl', { crl: true }),
    });
    expect(revocationVerdicts(target)).to.deep.equal({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'pass',
      'revoked-intermediate': 'pass',
      'stale-crl': 'skip',
      'ocsp-responder-down': 'skip',
      'ocsp-unknown': 'skip',
      'ocsp-unauthorized-responder': 'skip',
    });
    const stale = target.scenarios.find((scenario) => scenario.id === 'stale-crl');
    expect(stale?.reason).to.contain('the target holds a current CRL');
  });

  it('nginx declared crl: true but without ssl_crl (nginx.crl: false): both fail, the revoked clients get in', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-no-crl', { crl: true }),
      nginx: { crl: false },
    });
    expect(revocationVerdicts(target)).to.include({
      'trusted-client': 'pass',
      'revoked-client-cert': 'fail',
      'revoked-intermediate': 'fail',
    });
    const revoked = target.scenarios.find((scenario) => scenario.id === 'revoked-client-cert');
    expect(revoked?.likelyCause).to.contain('ssl_crl');
  });

  it('nginx holding the expired CRLs (crlFile: expired): stale-crl passes; trusted-client fails, as it must', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-stale', { crl: true, crlFile: 'expired' }),
    });
    expect(revocationVerdicts(target)).to.include({ 'stale-crl': 'pass', 'trusted-client': 'fail' });
  });

  it('no revocation declared: the revocation set is not run; declared with nothing checked: skipped with the reason', async () => {
    const none = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-undeclared'),
    });
    expect(revocationVerdicts(none)).to.deep.equal({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
    });
    const nothing = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-nothing', { crl: false, ocsp: 'off' }),
    });
    expect(revocationVerdicts(nothing)).to.deep.equal({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'skip',
      'revoked-intermediate': 'skip',
      'stale-crl': 'skip',
      'ocsp-responder-down': 'skip',
      'ocsp-unknown': 'skip',
      'ocsp-unauthorized-responder': 'skip',
    });
    expect(nothing.scenarios[2]?.reason).to.contain('declares no revocation check');
  });

  it('openssl s_server -CRL -crl_check_all: both pass; -crl_check (leaf only) lets the revoked intermediate in', async () => {
    const all = await runRevocationScenarios(fixtures, {
      provider: 'openssl',
      declaration: revocationDeclaration('openssl-crl-all', { crl: true }),
    });
    expect(revocationVerdicts(all)).to.include({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'pass',
      'revoked-intermediate': 'pass',
    });
    // s_server refuses at the handshake with the alert OpenSSL maps X509_V_ERR_CERT_REVOKED to.
    expect(
      all.scenarios.find((scenario) => scenario.id === 'revoked-intermediate')?.observed?.alert?.name,
    ).to.equal('certificate_revoked');
    const leaf = await runRevocationScenarios(fixtures, {
      provider: 'openssl',
      declaration: revocationDeclaration('openssl-crl-leaf', { crl: true }),
      openssl: { crlCheck: 'leaf' },
    });
    expect(revocationVerdicts(leaf)).to.include({
      'trusted-client': 'pass',
      'revoked-client-cert': 'pass',
      'revoked-intermediate': 'fail',
    });
    expect(leaf.scenarios.find((scenario) => scenario.id === 'revoked-intermediate')?.likelyCause).to.contain(
      '-crl_check_all',
    );
  });

  it('openssl s_server without a CRL (crlCheck: none) fails both; with the expired CRL stale-crl passes', async () => {
    const none = await runRevocationScenarios(fixtures, {
      provider: 'openssl',
      declaration: revocationDeclaration('openssl-no-crl', { crl: true }),
      openssl: { crlCheck: 'none' },
    });
    expect(revocationVerdicts(none)).to.include({
      'revoked-client-cert': 'fail',
      'revoked-intermediate': 'fail',
    });
    const stale = await runRevocationScenarios(
      fixtures,
      {
        provider: 'openssl',
        declaration: revocationDeclaration('openssl-stale', { crl: true, crlFile: 'expired' }),
      },
      ['stale-crl'],
    );
    expect(revocationVerdicts(stale)).to.deep.equal({ 'stale-crl': 'pass' });
  });
});

describe('nginx.conf revocation lines', () => {
  it('ssl_crl names the CAs whose CRLs the file holds; ssl_ocsp on with the responder; nothing when not asked', () => {
    const lines = renderNginxRevocation({
      crlCas: ['ca1', 'intermediate-ca'],
      crlFile: 'current',
      ocspResponder: 'http://127.0.0.1:8899/',
    }).join('\n');
    expect(lines).to.contain('# CRLs of: ca1, intermediate-ca.');
    expect(lines).to.match(/^ {8}ssl_crl {16}client-crl\.pem;$/m);
    expect(lines).to.match(/^ {8}ssl_ocsp {15}on;$/m);
    expect(lines).to.match(/^ {8}ssl_ocsp_responder {5}http:\/\/127\.0\.0\.1:8899\/;$/m);
    expect(renderNginxRevocation({ crlCas: [], crlFile: 'current' })).to.deep.equal([]);
  });
});

describe('revocation scenarios (CRL) against the mock', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  it('the mock with the CRLs checks the whole chain: both pass; with the expired CRLs stale-crl passes', async () => {
    const checked = await runRevocationScenarios(fixtures, {
      provider: 'mock',
      declaration: revocationDeclaration('mock-crl', { crl: true }),
    });
    expect(revocationVerdicts(checked)).to.include({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'pass',
      'revoked-intermediate': 'pass',
    });
    const stale = await runRevocationScenarios(
      fixtures,
      {
        provider: 'mock',
        declaration: revocationDeclaration('mock-stale', { crl: true, crlFile: 'expired' }),
      },
      ['trusted-client', 'stale-crl'],
    );
    expect(revocationVerdicts(stale)).to.deep.equal({ 'trusted-client': 'fail', 'stale-crl': 'pass' });
  });

  it('the mock without the CRLs, judged as declaring them (a url target): both fail', async () => {
    const mock = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .start();
    try {
      const target = await runRevocationScenarios(fixtures, {
        provider: 'url',
        declaration: { ...revocationDeclaration('mock-unchecked', { crl: true }), url: mock.url },
      });
      expect(revocationVerdicts(target)).to.include({
        'trusted-client': 'pass',
        'revoked-client-cert': 'fail',
        'revoked-intermediate': 'fail',
      });
    } finally {
      await mock.stop();
    }
  });
});
