import { expect } from 'chai';
import { serverScenarios, findScenario } from '../harness/scenarios/catalogue.ts';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../harness/scenarios/scenario.ts';

// The built-in fixture set's facts (issue 2): what every expectation below depends on.
const issuers: Record<string, string | null> = {
  ca1: null,
  ca2: null,
  'rogue-ca': null,
  'intermediate-ca': 'ca1',
  tpp1: 'ca1',
  tpp2: 'ca2',
  rogue: 'rogue-ca',
  expired: 'ca1',
  'not-yet-valid': 'ca1',
  'wrong-eku': 'ca1',
  'intermediate-leaf': 'intermediate-ca',
  'self-signed': null,
  'ec-client': 'ca1',
  'ed25519-client': 'ca1',
  'rsa-pss-client': 'ca1',
  'weak-rsa-client': 'ca1',
  'sha1-client': 'ca1',
  'ca-true-client': 'ca1',
  'constrained-ca': 'ca1',
  'constraint-violating-client': 'constrained-ca',
  'tpp1-superstring': 'ca1',
  'tpp1-ou-smuggle': 'ca1',
  'tpp1-from-ca2': 'ca2',
};

const fixtures: FixtureFacts = {
  issuerOf: (fixture) => {
    if (!(fixture in issuers)) throw new Error(`the stub knows no fixture ${fixture}`);
    return issuers[fixture] ?? null;
  },
  rootOf: (fixture) => {
    let current = fixtures.issuerOf(fixture);
    while (current !== null) {
      const next: string | null = issuers[current] ?? null;
      if (next === null) return current;
      current = next;
    }
    return null;
  },
};

function declaration(trusts: string[], extra: Partial<TargetDeclaration> = {}): TargetDeclaration {
  return {
    name: 'gateway',
    url: 'https://127.0.0.1:8443/healthcheck',
    trusts,
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    ...extra,
  };
}

function ruleOf(id: string, target: TargetDeclaration): ExpectationRule {
  const scenario = findScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return scenario.expect(target, fixtures);
}

const A = 'accepted';
const R = 'rejected';

// id → expected for trusts [ca1], [ca1, ca2], [ca2]; server-identity with serverCa ca1 declared.
const table: Array<[string, string, string, string]> = [
  ['no-client-cert', R, R, R],
  ['trusted-client', A, A, R],
  ['second-ca-client', R, A, A],
  ['untrusted-ca', R, R, R],
  ['expired-client-cert', R, R, R],
  ['not-yet-valid-client-cert', R, R, R],
  ['self-signed-client-cert', R, R, R],
  ['wrong-eku', R, R, R],
  ['intermediate-chain', A, A, R],
  ['missing-intermediate', R, R, R],
  ['bad-keystore-password', 'refused-by-client', 'refused-by-client', 'refused-by-client'],
  ['tls-legacy-versions', R, R, R],
  // A version is tried with a client the target trusts: tpp2 where only ca2 is trusted.
  ['tls-1.2', A, A, A],
  ['tls-1.3', A, A, A],
  ['server-identity', A, A, A],
  // The key matrix under the conservative default (no accepts:): modern keys as trusted-client.
  ['ec-client', A, A, R],
  ['ed25519-client', A, A, R],
  ['rsa-pss-client', A, A, R],
  ['weak-rsa-client', R, R, R],
  ['sha1-client', R, R, R],
  ['ca-true-leaf', R, R, R],
  ['name-constraint-violation', R, R, R],
  // Without allowedSubjects these are skipped; their rule, when declared, is a refusal.
  ['allow-list-superstring', R, R, R],
  ['allow-list-ou-smuggle', R, R, R],
  ['allow-list-same-dn-other-ca', R, R, R],
];

const profiles: string[][] = [['ca1'], ['ca1', 'ca2'], ['ca2']];

describe('scenario expectations derived from the declaration', () => {
  it('the table covers the whole server catalogue', () => {
    expect(table.map(([id]) => id)).to.deep.equal(serverScenarios.map((scenario) => scenario.id));
  });

  for (const [id, ...expected] of table) {
    profiles.forEach((trusts, column) => {
      it(`${id} with trusts [${trusts.join(', ')}] is ${expected[column]}`, () => {
        const rule = ruleOf(id, declaration(trusts, { serverCa: 'ca1' }));
        expect(rule.expected).to.equal(expected[column]);
        expect(rule.because).to.be.a('string').and.not.equal('');
        expect(rule.because).not.to.include('\n');
      });
    });
  }

  it('bad-keystore-password expects the right password to fare as trusted-client', () => {
    const followUps = profiles.map((trusts) => ruleOf('bad-keystore-password', declaration(trusts)).followUp);
    expect(followUps.map((rule) => rule?.expected)).to.deep.equal([A, A, R]);
    expect(followUps[2]?.because).to.equal(
      'target trusts [ca2]; tpp1 is issued by ca1, which it does not trust',
    );
  });

  describe('because lines name the fixture and the CA', () => {
    const cases: Array<[string, string[], string]> = [
      ['second-ca-client', ['ca1'], 'target trusts [ca1]; tpp2 is issued by ca2, which it does not trust'],
      ['second-ca-client', ['ca1', 'ca2'], 'target trusts [ca1, ca2]; tpp2 is issued by ca2'],
      ['trusted-client', ['ca1'], 'target trusts [ca1]; tpp1 is issued by ca1'],
      [
        'intermediate-chain',
        ['ca1'],
        'target trusts [ca1]; intermediate-leaf chains through intermediate-ca to ca1; the client sends the intermediate',
      ],
      [
        'missing-intermediate',
        ['ca1'],
        'target trusts [ca1]; intermediate-leaf chains through intermediate-ca to ca1, sent without intermediate-ca, so no path to a trusted CA can be built',
      ],
      [
        'expired-client-cert',
        ['ca1'],
        'expired is issued by ca1 but its validity ended (RFC 5280 §6.1.3); refused even though target trusts [ca1]',
      ],
      [
        'expired-client-cert',
        ['ca2'],
        'expired is issued by ca1 but its validity ended (RFC 5280 §6.1.3); target trusts [ca2]',
      ],
      [
        'untrusted-ca',
        ['ca1'],
        'target trusts [ca1]; rogue is issued by rogue-ca, a CA no endpoint should trust',
      ],
      [
        'self-signed-client-cert',
        ['ca1', 'ca2'],
        'target trusts [ca1, ca2]; self-signed is self-signed and chains to none of them',
      ],
      [
        'wrong-eku',
        ['ca1'],
        'wrong-eku is issued by ca1 but its extended key usage is serverAuth only, without clientAuth (RFC 5280 §4.2.1.12); refused even though target trusts [ca1]',
      ],
      ['tls-1.3', ['ca1'], 'target declares TLSv1.3; target trusts [ca1]; tpp1 is issued by ca1'],
    ];
    for (const [id, trusts, because] of cases) {
      it(`${id} with trusts [${trusts.join(', ')}]`, () => {
        expect(ruleOf(id, declaration(trusts)).because).to.equal(because);
      });
    }
  });

  it('tls-1.2 and tls-1.3 follow the declared tlsVersions', () => {
    const onlyTls12 = declaration(['ca1'], { tlsVersions: ['TLSv1.2'] });
    expect(ruleOf('tls-1.2', onlyTls12).expected).to.equal(A);
    expect(ruleOf('tls-1.3', onlyTls12)).to.deep.equal({
      expected: R,
      because: 'target declares tlsVersions [TLSv1.2], without TLSv1.3',
      refusedInHandshake: true,
    });
  });

  it('the version scenarios present a client the target trusts, and demand the handshake refuse a version', () => {
    expect(ruleOf('tls-1.2', declaration(['ca2'])).because).to.equal(
      'target declares TLSv1.2; target trusts [ca2]; tpp2 is issued by ca2',
    );
    // No fixture client of a trusted CA: tpp1, expected refused for its CA, without the handshake rule.
    expect(ruleOf('tls-1.3', declaration(['rogue-ca']))).to.deep.equal({
      expected: R,
      because:
        'target declares TLSv1.3; target trusts [rogue-ca]; tpp1 is issued by ca1, which it does not trust',
    });
    for (const trusts of profiles) {
      expect(ruleOf('tls-legacy-versions', declaration(trusts)).refusedInHandshake).to.equal(true);
    }
    const presents = ['tls-legacy-versions', 'tls-1.2', 'tls-1.3'].map((id) => findScenario(id)?.presents);
    expect(presents).to.deep.equal(Array(3).fill({ kind: 'accepted-identity' }));
  });

  it('server-identity is informational without a declared serverCa', () => {
    expect(ruleOf('server-identity', declaration(['ca1']))).to.deep.equal({
      expected: 'informational',
      because: 'no serverCa is declared: the server chain is reported, not judged',
    });
    expect(ruleOf('server-identity', declaration(['ca1'], { serverCa: 'ca1' })).because).to.equal(
      'serverCa is ca1: the server chain must validate to it, match the host name and be within its validity',
    );
  });

  it('missing-intermediate is accepted only when the target holds the intermediate and its root', () => {
    expect(ruleOf('missing-intermediate', declaration(['ca1', 'intermediate-ca'])).expected).to.equal(A);
    expect(ruleOf('missing-intermediate', declaration(['intermediate-ca'])).expected).to.equal(R);
  });

  it("a target's own identity is expected to be accepted wherever the trusted identity is presented", () => {
    const byo = declaration(['ca2'], { trustedIdentity: 'partner.p12' });
    expect(ruleOf('trusted-client', byo)).to.deep.equal({
      expected: A,
      because: 'the target names its own trusted identity (partner.p12)',
    });
    expect(ruleOf('tls-1.2', byo).expected).to.equal(A);
    expect(ruleOf('bad-keystore-password', byo).followUp?.expected).to.equal(A);
    // Fixture scenarios still follow the fixture CAs.
    expect(ruleOf('second-ca-client', byo).expected).to.equal(A);
    expect(ruleOf('intermediate-chain', byo).expected).to.equal(R);
  });
});
