import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import type { TargetProviderSpec } from '../harness/targets/create-target-provider.ts';
import type { LocalTargetDeclaration } from '../harness/targets/target-provider.ts';
import { requireDockerEngine } from './support/docker-available.ts';
import { testFixtures } from './support/fixtures.ts';
import { failedIds, runServerCatalogue, targetNamed, verdictLines } from './support/run-catalogue.ts';

function declare(
  name: string,
  trusts: string[],
  more: Partial<LocalTargetDeclaration> = {},
): LocalTargetDeclaration {
  return { name, trusts, rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'], ...more };
}

/**
 * OpenSSL has no check that refuses a client certificate marked CA:TRUE (test/pki-key-matrix.test.ts):
 * every OpenSSL gateway set up right fails exactly this scenario of the key matrix.
 */
const openSslBlindSpot = ['ca-true-leaf'];

/** The certificate checks: scenarios that probe once, on any protocol version, and judge the client certificate. */
const certificateRefusals = (ids: string[]) =>
  ids.filter((id) => {
    const scenario = serverScenarios.find((candidate) => candidate.id === id);
    return scenario?.method === 'probe' && scenario.tlsVersions === undefined;
  });

describe('targets: the full server catalogue against real targets', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;

  before(async function () {
    fixtures = await testFixtures();
  });

  it('nginx, ssl_verify_client on trusting ca1: every scenario but ca-true-leaf passes, certificate refusals at stage http with nginx’s reason', async function () {
    const results = await runServerCatalogue(fixtures, [
      { provider: 'nginx', declaration: declare('nginx-ca1', ['ca1']) },
    ]);
    const target = targetNamed(results, 'nginx-ca1');
    expect(target.startMs).to.be.within(1, 10_000); // nginx takes tens of ms to be ready, never 0
    expect(failedIds(target), verdictLines(target).join('\n')).to.deep.equal(openSslBlindSpot);
    expect(target.scenarios.map((scenario) => scenario.id)).to.deep.equal(
      serverScenarios.map((scenario) => scenario.id),
    );

    const refused = target.scenarios.filter(
      (scenario) => scenario.expected === 'rejected' && !openSslBlindSpot.includes(scenario.id),
    );
    const byCertificate = certificateRefusals(refused.map((scenario) => scenario.id));
    expect(byCertificate).to.include.members([
      'no-client-cert',
      'second-ca-client',
      'untrusted-ca',
      'expired-client-cert',
    ]);
    for (const scenario of refused.filter((candidate) => byCertificate.includes(candidate.id))) {
      expect(scenario.observed?.stage, scenario.id).to.equal('http');
      expect(scenario.observed?.http?.status, scenario.id).to.equal(400);
      expect(scenario.observed?.http?.bodyExcerpt, scenario.id).to.match(
        scenario.id === 'no-client-cert'
          ? /No required SSL certificate was sent/
          : /The SSL certificate error/,
      );
    }
  });

  it('nginx trusting ca1+ca2 (same DN): every scenario but ca-true-leaf passes, and tpp2 is accepted', async function () {
    const results = await runServerCatalogue(fixtures, [
      { provider: 'nginx', declaration: declare('nginx-ca12', ['ca1', 'ca2']) },
    ]);
    const target = targetNamed(results, 'nginx-ca12');
    expect(failedIds(target), verdictLines(target).join('\n')).to.deep.equal(openSslBlindSpot);
    const secondCa = target.scenarios.find((scenario) => scenario.id === 'second-ca-client');
    expect(secondCa).to.deep.include({ expected: 'accepted', verdict: 'pass' });
    expect(secondCa?.observed?.http?.status).to.equal(200);
  });

  it('nginx optional_no_ca declared as trusting ca1: the run fails and names exactly what the misconfiguration lets through', async function () {
    const results = await runServerCatalogue(fixtures, [
      {
        provider: 'nginx',
        declaration: declare('nginx-no-ca', ['ca1']),
        nginx: { verifyClient: 'optional_no_ca' },
      },
    ]);
    const target = targetNamed(results, 'nginx-no-ca');
    expect(results.summary.fail).to.be.greaterThan(0);
    // optional_no_ca forgives only OpenSSL's "issuer not found / not trusted" errors; an expired or
    // not-yet-valid certificate and a wrong key usage are still refused.
    expect(failedIds(target), verdictLines(target).join('\n')).to.deep.equal([
      'no-client-cert',
      'second-ca-client',
      'untrusted-ca',
      'self-signed-client-cert',
      'missing-intermediate',
      ...openSslBlindSpot,
    ]);
    for (const scenario of target.scenarios.filter((candidate) => candidate.verdict === 'fail')) {
      expect(scenario.reason, scenario.id).to.match(/^expected rejected, observed accepted: HTTP 200/);
    }
  });

  for (const version of ['1.2', '1.3'] as const) {
    it(`openssl s_server -Verify on TLS ${version} trusting ca1: every scenario but ca-true-leaf passes, refusals by TLS alert`, async function () {
      const declaration = declare(`openssl-${version}`, ['ca1'], {
        rejectAt: 'handshake',
        tlsVersions: [`TLSv${version}`],
      });
      const results = await runServerCatalogue(fixtures, [
        { provider: 'openssl', declaration, openssl: { tlsVersion: version } },
      ]);
      const target = targetNamed(results, declaration.name);
      expect(failedIds(target), verdictLines(target).join('\n')).to.deep.equal(openSslBlindSpot);
      const refused = target.scenarios.filter(
        (scenario) => scenario.expected === 'rejected' && !openSslBlindSpot.includes(scenario.id),
      );
      for (const id of certificateRefusals(refused.map((scenario) => scenario.id))) {
        const observed = refused.find((scenario) => scenario.id === id)?.observed;
        // TLS 1.3 finishes the client's side of the handshake first (RFC 8446 4.4.2): the alert comes on the first read.
        expect(observed?.stage, id).to.equal(version === '1.2' ? 'tls-handshake' : 'after-handshake');
        expect(observed?.alert, id).to.be.an('object');
        expect(observed?.http, id).to.be.undefined;
      }
      const noCert = target.scenarios.find((scenario) => scenario.id === 'no-client-cert')?.observed?.alert
        ?.name;
      expect(noCert).to.equal(version === '1.2' ? 'handshake_failure' : 'certificate_required');
    });
  }

  describe('in a container', function () {
    before(async function () {
      await requireDockerEngine(this);
    });

    for (const [title, nginx] of [
      ['ssl_verify_client on', {}],
      ['optional_no_ca', { verifyClient: 'optional_no_ca' }],
    ] as const) {
      it(`${title} trusting ca1: the container provider gets the same verdicts as the nginx process`, async function () {
        const specs: TargetProviderSpec[] = [
          { provider: 'nginx', declaration: declare('process', ['ca1']), nginx },
          { provider: 'container', declaration: declare('container', ['ca1']), nginx },
        ];
        const results = await runServerCatalogue(fixtures, specs);
        const fromProcess = verdictLines(targetNamed(results, 'process'));
        const fromContainer = verdictLines(targetNamed(results, 'container'));
        expect(fromContainer).to.deep.equal(fromProcess);
        expect(fromProcess).to.have.length(serverScenarios.length);
      });
    }
  });
});
