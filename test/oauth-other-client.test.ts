import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { chooseOtherClient, type OtherClient } from '../harness/scenarios/oauth/oauth-scenario.ts';
import { resourceWithStolenToken } from '../harness/scenarios/oauth/resource-with-stolen-token.ts';
import { tokenWithOtherClientsCert } from '../harness/scenarios/oauth/token-with-other-clients-cert.ts';
import type { FixtureFacts, TargetDeclaration } from '../harness/scenarios/scenario.ts';
import { testFixtures } from './support/fixtures.ts';

const target = (trusts: string[]): TargetDeclaration => ({
  name: 't',
  url: 'https://127.0.0.1:9443/oauth2/token',
  trusts,
  rejectAt: 'any',
  tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  oauth: { clientId: 'tpp1', authMethod: 'tls_client_auth' },
});

describe('the other client of the oauth suite: a certificate the target lets through its TLS layer', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  /** The built-in set without tpp3, as a custom spec may be: its lookup throws for a name it lacks. */
  const withoutTpp3 = (): FixtureFacts => ({
    issuerOf: (name) => fixtures.issuerOf(name === 'tpp3' ? 'no-such-fixture' : name),
    rootOf: (name) => fixtures.rootOf(name === 'tpp3' ? 'no-such-fixture' : name),
  });

  const cases: Array<{ trusts: string[]; facts?: () => FixtureFacts; chosen: OtherClient }> = [
    { trusts: ['ca1', 'ca2'], chosen: { fixture: 'tpp2', root: 'ca2' } },
    { trusts: ['ca2'], chosen: { fixture: 'tpp2', root: 'ca2' } },
    { trusts: ['ca1'], chosen: { fixture: 'tpp3', root: 'ca1' } },
    {
      trusts: ['rogue-ca'],
      chosen: {
        fixture: null,
        why: "no other client's certificate would pass the TLS layer (tpp2 chains to ca2, tpp3 chains to ca1; target trusts [rogue-ca])",
      },
    },
    {
      trusts: ['ca1'],
      facts: withoutTpp3,
      chosen: {
        fixture: null,
        why: "no other client's certificate would pass the TLS layer (tpp2 chains to ca2, the fixture set has no tpp3; target trusts [ca1])",
      },
    },
  ];
  for (const { trusts, facts, chosen } of cases) {
    it(`trusts [${trusts.join(', ')}]${facts ? ', no tpp3 in the set' : ''}: ${chosen.fixture ?? 'none'}`, () => {
      expect(chooseOtherClient(target(trusts), facts?.() ?? fixtures)).to.deep.equal(chosen);
    });
  }

  it('names the chosen certificate in the expectation, and expects nothing to judge when there is none', () => {
    expect(tokenWithOtherClientsCert.expect(target(['ca1']), fixtures)).to.deep.equal({
      expected: 'rejected',
      because:
        'tpp3\'s certificate is not the one registered for client_id "tpp1" (tls_client_auth): invalid_client (RFC 8705 §2); the target trusts ca1, so the token endpoint itself must refuse it',
    });
    expect(resourceWithStolenToken.expect(target(['ca1', 'ca2']), fixtures).because).to.match(
      /^tpp2's certificate \(from ca2, which the target trusts\) does not match the token's cnf/,
    );
    for (const scenario of [tokenWithOtherClientsCert, resourceWithStolenToken]) {
      expect(scenario.expect(target([]), fixtures).expected, scenario.id).to.equal('informational');
    }
  });
});
