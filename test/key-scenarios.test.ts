import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import { keyScenarios } from '../harness/scenarios/keys/key-scenarios.ts';
import type { LocalTargetDeclaration } from '../harness/targets/target-provider.ts';
import { testFixtures } from './support/fixtures.ts';
import { runServerCatalogue, targetNamed } from './support/run-catalogue.ts';

// tpp1's subject as nginx prints $ssl_client_s_dn (RFC 2253 order) and as Node prints it.
const tpp1Dn =
  'CN=tpp1.demo.axway.com,UID=00000000-0000-0000-0000-000000000002,OU=00000000-0000-0000-0000-000000000002,L=São Paulo,ST=SP,O=AXWAY,C=BR,serialNumber=18505934000140,jurisdictionC=BR,businessCategory=Third Party Provider 1';

const keyIds = keyScenarios.map((scenario) => scenario.id);
const allowListIds = ['allow-list-superstring', 'allow-list-ou-smuggle', 'allow-list-same-dn-other-ca'];

function declare(name: string, more: Partial<LocalTargetDeclaration> = {}): LocalTargetDeclaration {
  return { name, trusts: ['ca1'], rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'], ...more };
}

/** `id verdict`, for the key scenarios only. */
function keyVerdicts(results: RunResults, name: string): Record<string, string> {
  const target = targetNamed(results, name);
  expect(target.error, target.error).to.be.undefined;
  return Object.fromEntries(
    target.scenarios
      .filter((scenario) => keyIds.includes(scenario.id))
      .map((scenario: ScenarioResult) => [scenario.id, scenario.verdict]),
  );
}

describe('key matrix scenarios, both ways, against the mock and real nginx', function () {
  this.timeout(180_000);
  let fixtures: FixtureSet;
  let results: RunResults;

  before(async () => {
    fixtures = await testFixtures();
    results = await runServerCatalogue(fixtures, [
      { provider: 'mock', declaration: declare('mock') },
      {
        provider: 'mock',
        declaration: declare('mock-weak'),
        mock: { misconfiguration: 'accept-weak-certificates' },
      },
      { provider: 'mock', declaration: declare('mock-rsa-only', { accepts: { keyTypes: ['rsa'] } }) },
      {
        provider: 'mock',
        declaration: declare('mock-legacy-policy', { accepts: { minRsaBits: 1024, sha1: true } }),
      },
      // The allow-list: tpp1 only, ca1 and ca2 trusted (so tpp1-from-ca2 verifies).
      {
        provider: 'mock',
        declaration: declare('mock-allow', { trusts: ['ca1'], allowedSubjects: [tpp1Dn] }),
      },
      {
        provider: 'mock',
        declaration: declare('mock-allow-substring', { allowedSubjects: [tpp1Dn] }),
        mock: { misconfiguration: 'substring-allow-list' },
      },
      {
        provider: 'mock',
        declaration: declare('mock-allow-ca12', { trusts: ['ca1', 'ca2'], allowedSubjects: [tpp1Dn] }),
      },
      { provider: 'nginx', declaration: declare('nginx-allow', { allowedSubjects: [tpp1Dn] }) },
      {
        provider: 'nginx',
        declaration: declare('nginx-allow-unanchored', { allowedSubjects: [tpp1Dn] }),
        nginx: { allowListMatch: 'unanchored-regex' },
      },
    ]);
  });

  it('the mock set up right passes every key scenario, and skips the allow-list ones without an allow-list', () => {
    const verdicts = keyVerdicts(results, 'mock');
    for (const id of keyIds) expect(verdicts[id], id).to.equal(allowListIds.includes(id) ? 'skip' : 'pass');
    const skipped = targetNamed(results, 'mock').scenarios.find((s) => s.id === 'allow-list-superstring');
    expect(skipped?.reason).to.include('the target declares no allowedSubjects');
  });

  it("server-identity reports the server's key type and signature algorithm", () => {
    const identity = targetNamed(results, 'mock').scenarios.find((s) => s.id === 'server-identity');
    expect(identity?.reason).to.include('(server key rsa 2048, signed with sha256WithRSAEncryption)');
  });

  it('the mock that accepts weak certificates fails exactly RSA-1024, SHA-1, CA:TRUE and the name constraint', () => {
    const verdicts = keyVerdicts(results, 'mock-weak');
    const failed = keyIds.filter((id) => verdicts[id] === 'fail');
    expect(failed).to.deep.equal([
      'weak-rsa-client',
      'sha1-client',
      'ca-true-leaf',
      'name-constraint-violation',
    ]);
  });

  it('accepts.keyTypes [rsa]: EC, Ed25519 and RSA-PSS expected refused, and the mock that takes them fails them', () => {
    const target = targetNamed(results, 'mock-rsa-only');
    for (const id of ['ec-client', 'ed25519-client', 'rsa-pss-client']) {
      const scenario = target.scenarios.find((candidate) => candidate.id === id);
      expect(scenario?.expected, id).to.equal('rejected');
      expect(scenario?.expectationBasis, id).to.include('accepts.keyTypes is [rsa]');
      // The mock enforces the declared policy: it refuses them, so they pass.
      expect(scenario?.verdict, id).to.equal('pass');
    }
  });

  it('accepts minRsaBits 1024 and sha1: RSA-1024 and SHA-1 clients expected accepted, and the mock lets them in', () => {
    const target = targetNamed(results, 'mock-legacy-policy');
    for (const id of ['weak-rsa-client', 'sha1-client']) {
      const scenario = target.scenarios.find((candidate) => candidate.id === id);
      expect(scenario, id).to.deep.include({ expected: 'accepted', verdict: 'pass' });
    }
  });

  it('an exact allow-list (mock trusting ca1): the near misses are refused, tpp1 is let in', () => {
    const verdicts = keyVerdicts(results, 'mock-allow');
    for (const id of allowListIds) expect(verdicts[id], id).to.equal('pass');
    const trusted = targetNamed(results, 'mock-allow').scenarios.find((s) => s.id === 'trusted-client');
    expect(trusted?.verdict).to.equal('pass');
    // The key-type scenarios would only see the allow-list refuse: skipped with that reason.
    expect(verdicts['ec-client']).to.equal('skip');
  });

  it('a substring allow-list lets the superstring CN and the OU smuggle in: both fail', () => {
    const verdicts = keyVerdicts(results, 'mock-allow-substring');
    expect(allowListIds.filter((id) => verdicts[id] === 'fail')).to.deep.equal([
      'allow-list-superstring',
      'allow-list-ou-smuggle',
    ]);
  });

  it("an allow-list by DN on a target that also trusts ca2 takes tpp1's twin from ca2: same-dn-other-ca fails", () => {
    const verdicts = keyVerdicts(results, 'mock-allow-ca12');
    expect(allowListIds.filter((id) => verdicts[id] === 'fail')).to.deep.equal([
      'allow-list-same-dn-other-ca',
    ]);
  });

  it('nginx with the anchored map: every allow-list scenario passes, the near misses get 403', () => {
    const target = targetNamed(results, 'nginx-allow');
    for (const id of allowListIds) {
      const scenario = target.scenarios.find((candidate) => candidate.id === id);
      expect(scenario?.verdict, id).to.equal('pass');
    }
    const superstring = target.scenarios.find((candidate) => candidate.id === 'allow-list-superstring');
    expect(superstring?.observed?.http?.status).to.equal(403);
    expect(target.scenarios.find((s) => s.id === 'trusted-client')?.verdict).to.equal('pass');
  });

  it('nginx with an unanchored ~CN= regex (ingress-nginx #8434): the superstring and OU smuggle get in and fail', () => {
    const verdicts = keyVerdicts(results, 'nginx-allow-unanchored');
    expect(allowListIds.filter((id) => verdicts[id] === 'fail')).to.deep.equal([
      'allow-list-superstring',
      'allow-list-ou-smuggle',
    ]);
    expect(
      targetNamed(results, 'nginx-allow-unanchored').scenarios.find((s) => s.id === 'trusted-client')
        ?.verdict,
    ).to.equal('pass');
  });
});
