import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { revocationEvidenceLines } from '../harness/report/revocation-evidence-lines.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  revocationDeclaration,
  revocationVerdicts,
  runRevocationScenarios,
} from './support/run-revocation-scenarios.ts';

// The OCSP scenarios against real nginx (ssl_ocsp on; ssl_ocsp_responder <the harness's responder>),
// proven both ways: they pass where nginx asks the responder, and fail where the same nginx runs
// without ssl_ocsp while declaring it. nginx always fails closed, so declaring soft-fail fails too.

describe('revocation scenarios (OCSP) against real nginx', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  it('ssl_ocsp on, ocsp: require: every OCSP scenario passes, the good clients still get in', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-ocsp', { ocsp: 'require' }),
    });
    expect(revocationVerdicts(target)).to.deep.equal({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'pass',
      'revoked-intermediate': 'pass',
      'stale-crl': 'skip',
      'ocsp-responder-down': 'pass',
      'ocsp-unknown': 'pass',
      'ocsp-unauthorized-responder': 'pass',
    });
    // The evidence: which answer was served, when, to whom. nginx asks with GET (RFC 6960 A.1).
    const revoked = target.scenarios.find((scenario) => scenario.id === 'revoked-client-cert');
    const revokedSerial = fixtures.manifest.identities.find(
      (identity) => identity.name === 'revoked',
    )?.serialNumber;
    const lines = revocationEvidenceLines(revoked?.revocation ?? {});
    expect(lines[0]).to.match(
      /^OCSP responder http:\/\/127\.0\.0\.1:\d+\/, fault for this certificate: none$/,
    );
    expect(lines.join('\n')).to.match(
      new RegExp(
        `^  \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z GET from 127\\.0\\.0\\.1:\\d+: successful, ${revokedSerial} \\(ca1\\) revoked, signed by ca$`,
        'm',
      ),
    );
    const down = target.scenarios.find((scenario) => scenario.id === 'ocsp-responder-down');
    expect(revocationEvidenceLines(down?.revocation ?? {}).join('\n'))
      .to.contain('fault for this certificate: down')
      .and.to.match(/: reset, [0-9A-F]+ not answered$/m);
  });

  it('declared ocsp: require but nginx runs without ssl_ocsp (nginx.ocsp: false): every OCSP scenario fails', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-no-ocsp', { ocsp: 'require' }),
      nginx: { ocsp: false },
    });
    expect(revocationVerdicts(target)).to.deep.equal({
      'trusted-client': 'pass',
      'intermediate-chain': 'pass',
      'revoked-client-cert': 'fail',
      'revoked-intermediate': 'fail',
      'stale-crl': 'skip',
      'ocsp-responder-down': 'fail',
      'ocsp-unknown': 'fail',
      'ocsp-unauthorized-responder': 'fail',
    });
    const unknown = target.scenarios.find((scenario) => scenario.id === 'ocsp-unknown');
    expect(unknown?.likelyCause).to.contain('taken for `good`');
    // Nothing asked the responder: the evidence says so.
    expect(revocationEvidenceLines(unknown?.revocation ?? {})).to.include(
      '  no OCSP request reached it while the probe ran',
    );
  });

  it('declared ocsp: soft-fail on nginx (which fails closed): ocsp-responder-down fails; unknown and unauthorized are skipped', async () => {
    const target = await runRevocationScenarios(fixtures, {
      provider: 'nginx',
      declaration: revocationDeclaration('nginx-soft', { ocsp: 'soft-fail' }),
    });
    expect(revocationVerdicts(target)).to.include({
      'revoked-client-cert': 'pass',
      'ocsp-responder-down': 'fail',
      'ocsp-unknown': 'skip',
      'ocsp-unauthorized-responder': 'skip',
    });
    expect(
      target.scenarios.find((scenario) => scenario.id === 'ocsp-responder-down')?.likelyCause,
    ).to.contain('fails closed');
  });

  it('CRL and OCSP together: the CRL evidence names the file, its dates and that it lists the certificate', async () => {
    const target = await runRevocationScenarios(
      fixtures,
      { provider: 'nginx', declaration: revocationDeclaration('nginx-both', { crl: true, ocsp: 'require' }) },
      ['revoked-intermediate'],
    );
    const scenario = target.scenarios[0];
    expect(scenario?.verdict).to.equal('pass');
    const lines = revocationEvidenceLines(scenario?.revocation ?? {});
    expect(lines[0]).to.equal(
      'CRL crl/ca1.crl.pem (issuer ca1), held by nginx-both (revocation.crlFile: current)',
    );
    expect(lines[2]).to.equal("  lists the presented chain's certificate");
  });
});
