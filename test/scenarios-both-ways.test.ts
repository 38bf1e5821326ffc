import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { createTargetProvider } from '../harness/targets/create-target-provider.ts';
import { suitePlanners } from '../suites/index.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { verdictLines } from './support/run-catalogue.ts';

// Honest verdicts, checked as a whole: every scenario of the server catalogue passes against a target
// configured as it declares, and fails against at least one target that is misconfigured in the way
// the scenario exists to catch. A scenario that no broken target can fail would be a check that
// cannot fail, and this test names it.

interface Endpoint {
  name: string;
  /** What the target is declared to do: the basis of every expectation. */
  declared: { trusts: string[]; serverCa: string; allowedSubjects?: string[] };
  /** The server as it really is. */
  start: (fixtures: FixtureSet) => MockMtlsServer;
}

const server = (fixtures: FixtureSet, trust: string[]) =>
  new MockMtlsServer(fixtures.identity('server')).withTrust(fixtures.trustBundlePem(trust));

const conformant: Endpoint = {
  name: 'as declared: trusts ca1',
  declared: { trusts: ['ca1'], serverCa: 'ca1' },
  start: (fixtures) => server(fixtures, ['ca1']),
};

// tpp1's subject, for the targets that authorize clients by identity (the allow-list scenarios).
const tpp1Dn =
  'CN=tpp1.demo.axway.com,UID=00000000-0000-0000-0000-000000000002,OU=00000000-0000-0000-0000-000000000002,L=São Paulo,ST=SP,O=AXWAY,C=BR,serialNumber=18505934000140,jurisdictionC=BR,businessCategory=Third Party Provider 1';

const conformantWithAllowList: Endpoint = {
  name: 'as declared: trusts ca1, lets in tpp1 only',
  // intermediate-chain presents intermediate-leaf, allowed here by its SAN.
  declared: {
    trusts: ['ca1'],
    serverCa: 'ca1',
    allowedSubjects: [tpp1Dn, 'intermediate-leaf.demo.axway.com'],
  },
  start: (fixtures) =>
    server(fixtures, ['ca1']).withAllowedSubjects([tpp1Dn, 'intermediate-leaf.demo.axway.com']),
};

/** What a target without an allow-list cannot be judged on, and one with it on key types: skipped. */
const skippedByDeclaration = (id: string, allowList: boolean) =>
  allowList ? ['ec-client', 'ed25519-client', 'rsa-pss-client'].includes(id) : id.startsWith('allow-list-');

const misconfigured: readonly Endpoint[] = [
  {
    name: 'accepts any certificate, or none',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withMisconfiguration('accept-any-certificate'),
  },
  {
    name: 'ignores validity dates',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withMisconfiguration('ignore-validity-dates'),
  },
  {
    name: 'ca2 added to the trust store by mistake',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1', 'ca2']),
  },
  {
    name: 'trusts the intermediate itself, so a leaf without its chain gets in',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1', 'intermediate-ca']),
  },
  {
    name: 'ca1 missing from the trust store',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca2']),
  },
  {
    name: 'still offers TLS 1.0 and 1.1',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withTlsVersions('TLSv1', 'TLSv1.3'),
  },
  {
    name: 'TLS 1.3 only',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withTlsVersions('TLSv1.3', 'TLSv1.3'),
  },
  {
    name: 'TLS 1.2 only',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withTlsVersions('TLSv1.2', 'TLSv1.2'),
  },
  {
    name: 'serves a certificate the declared server CA did not issue',
    declared: { trusts: ['ca1'], serverCa: 'ca2' },
    start: (fixtures) => server(fixtures, ['ca1']),
  },
  // The key matrix (docs/key-matrix.md).
  {
    name: 'accepts RSA-1024, SHA-1, CA:TRUE leaves and name-constraint violations',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withMisconfiguration('accept-weak-certificates'),
  },
  {
    name: 'refuses EC, Ed25519 and RSA-PSS keys although declared to take them',
    declared: { trusts: ['ca1'], serverCa: 'ca1' },
    start: (fixtures) => server(fixtures, ['ca1']).withKeyPolicy({ keyTypes: ['rsa'] }),
  },
  {
    name: 'matches its allow-list as a substring of the DN',
    declared: { trusts: ['ca1'], serverCa: 'ca1', allowedSubjects: [tpp1Dn] },
    start: (fixtures) =>
      server(fixtures, ['ca1']).withAllowedSubjects([tpp1Dn]).withMisconfiguration('substring-allow-list'),
  },
  {
    name: 'allow-list by DN with ca2 trusted too',
    declared: { trusts: ['ca1'], serverCa: 'ca1', allowedSubjects: [tpp1Dn] },
    start: (fixtures) => server(fixtures, ['ca1', 'ca2']).withAllowedSubjects([tpp1Dn]),
  },
];

describe('every server scenario passes against a conformant target and fails against a misconfigured one', function () {
  this.timeout(120_000);
  let results: RunResults;
  const started: StartedMockMtlsServer[] = [];

  before(async () => {
    const fixtures = await testFixtures();
    const endpoints = [conformant, conformantWithAllowList, ...misconfigured];
    for (const endpoint of endpoints) started.push(await endpoint.start(fixtures).start());
    results = await runConformance({
      fixtures,
      fixturePassphrase: testPassphrase,
      planners: suitePlanners,
      concurrency: 8,
      timeouts: {},
      targets: endpoints.map((endpoint, index) => {
        const declaration = {
          name: endpoint.name,
          url: `https://localhost:${started[index]!.port}/healthcheck`,
          trusts: endpoint.declared.trusts,
          serverCa: endpoint.declared.serverCa,
          ...(endpoint.declared.allowedSubjects
            ? { allowedSubjects: endpoint.declared.allowedSubjects }
            : {}),
          rejectAt: 'any' as const,
          tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
        };
        return {
          declaration,
          suite: 'server' as const,
          selection: {},
          serverCa: { fixture: endpoint.declared.serverCa },
          provider: createTargetProvider({ provider: 'url', declaration }, fixtures),
        };
      }),
    });
  });
  after(() => Promise.all(started.map((running) => running.stop())));

  it('the conformant targets pass every scenario, but for the skips their declarations explain', () => {
    for (const [index, allowList] of [
      [0, false],
      [1, true],
    ] as const) {
      const target = results.targets[index]!;
      const notPassed = target.scenarios.filter((scenario) => scenario.verdict !== 'pass');
      expect(
        notPassed.filter(
          (scenario) => !(scenario.verdict === 'skip' && skippedByDeclaration(scenario.id, allowList)),
        ),
        verdictLines(target).join('\n'),
      ).to.deep.equal([]);
      expect(notPassed.length, target.name).to.equal(3);
    }
  });

  for (const scenario of serverScenarios) {
    it(`${scenario.id} fails against at least one misconfigured target`, () => {
      const failedOn = results.targets
        .slice(2)
        .filter((target) =>
          target.scenarios.some((result) => result.id === scenario.id && result.verdict === 'fail'),
        )
        .map((target) => target.name);
      expect(failedOn, `no misconfigured target makes ${scenario.id} fail`).not.to.deep.equal([]);
    });
  }

  it('each misconfiguration fails at least one scenario, never with an error observation', () => {
    for (const target of results.targets.slice(2)) {
      const failed = target.scenarios.filter((scenario) => scenario.verdict === 'fail');
      expect(failed.length, `${target.name}:\n${verdictLines(target).join('\n')}`).to.be.greaterThan(0);
      const errors = target.scenarios.filter((scenario) => scenario.observed?.outcome === 'error');
      expect(
        errors.map((scenario) => scenario.id),
        target.name,
      ).to.deep.equal([]);
    }
  });
});
