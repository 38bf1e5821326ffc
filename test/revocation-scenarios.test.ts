import { expect } from 'chai';
import type { RevocationDeclaration } from '../harness/scenarios/revocation/revocation-declaration.ts';
import { revocationScenariosFor } from '../harness/scenarios/revocation/revocation-scenarios.ts';
import type { FixtureFacts, TargetDeclaration } from '../harness/scenarios/scenario.ts';

// What each revocation scenario expects, or why it is skipped, for each declaration: table-driven,
// no target. The real targets prove the verdicts in revocation-*-targets.test.ts.

const facts: FixtureFacts = {
  issuerOf: (name) => ({ 'revoked-intermediate-leaf': 'revoked-intermediate-ca' })[name] ?? 'ca1',
  rootOf: () => 'ca1',
};

function planned(revocation: Partial<RevocationDeclaration>): Record<string, string> {
  const declared: RevocationDeclaration = { crl: false, ocsp: 'off', crlFile: 'current', ...revocation };
  const target: TargetDeclaration = {
    name: 't',
    url: 'https://127.0.0.1:1/',
    trusts: ['ca1'],
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    revocation: declared,
  };
  return Object.fromEntries(
    revocationScenariosFor(target).map((scenario) => [
      scenario.id,
      scenario.skipReason !== undefined ? 'skip' : scenario.expect(target, facts).expected,
    ]),
  );
}

describe('revocation scenarios: expectations from the declaration', () => {
  const cases: Array<[string, Partial<RevocationDeclaration>, Record<string, string>]> = [
    [
      'nothing checked',
      {},
      {
        'revoked-client-cert': 'skip',
        'revoked-intermediate': 'skip',
        'stale-crl': 'skip',
        'ocsp-responder-down': 'skip',
        'ocsp-unknown': 'skip',
        'ocsp-unauthorized-responder': 'skip',
      },
    ],
    [
      'crl: true',
      { crl: true },
      {
        'revoked-client-cert': 'rejected',
        'revoked-intermediate': 'rejected',
        'stale-crl': 'skip',
        'ocsp-responder-down': 'skip',
        'ocsp-unknown': 'skip',
        'ocsp-unauthorized-responder': 'skip',
      },
    ],
    [
      'crl: true, crlFile: expired',
      { crl: true, crlFile: 'expired' },
      {
        'revoked-client-cert': 'rejected',
        'revoked-intermediate': 'rejected',
        'stale-crl': 'rejected',
        'ocsp-responder-down': 'skip',
        'ocsp-unknown': 'skip',
        'ocsp-unauthorized-responder': 'skip',
      },
    ],
    [
      'ocsp: require',
      { ocsp: 'require' },
      {
        'revoked-client-cert': 'rejected',
        'revoked-intermediate': 'rejected',
        'stale-crl': 'skip',
        'ocsp-responder-down': 'rejected',
        'ocsp-unknown': 'rejected',
        'ocsp-unauthorized-responder': 'rejected',
      },
    ],
    [
      'ocsp: soft-fail',
      { ocsp: 'soft-fail' },
      {
        'revoked-client-cert': 'rejected',
        'revoked-intermediate': 'rejected',
        'stale-crl': 'skip',
        'ocsp-responder-down': 'accepted',
        'ocsp-unknown': 'skip',
        'ocsp-unauthorized-responder': 'skip',
      },
    ],
  ];
  for (const [title, revocation, expected] of cases) {
    it(title, () => {
      expect(planned(revocation)).to.deep.equal(expected);
    });
  }

  it('a target without revocation: runs none of them', () => {
    expect(revocationScenariosFor({})).to.deep.equal([]);
  });

  it('each skip says why and what to declare', () => {
    const target = { revocation: { crl: false, ocsp: 'require', crlFile: 'current' } };
    const reasons = Object.fromEntries(revocationScenariosFor(target).map((s) => [s.id, s.skipReason]));
    expect(reasons['stale-crl']).to.equal(
      'the target declares no CRL checking (add crl: true and crlFile: expired to revocation: to judge this)',
    );
    const soft = { revocation: { crl: false, ocsp: 'soft-fail', crlFile: 'current' } };
    const unknown = revocationScenariosFor(soft).find((s) => s.id === 'ocsp-unknown');
    expect(unknown?.skipReason).to.equal(
      'under ocsp: soft-fail either outcome is allowed (soft-fail lets in what it cannot check); declare ocsp: require to judge it',
    );
  });
});
