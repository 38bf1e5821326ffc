import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import { APACHE_DEFAULTS } from '../harness/targets/apache-target-options.ts';
import type { TargetProviderSpec } from '../harness/targets/create-target-provider.ts';
import { HAPROXY_DEFAULTS } from '../harness/targets/haproxy-target-options.ts';
import type { LocalTargetDeclaration } from '../harness/targets/target-provider.ts';
import { testFixtures } from './support/fixtures.ts';
import { isExecutable } from './support/gateway-test-kit.ts';
import { javaAvailable } from './support/java-available.ts';
import { requireTool } from './support/require-tool.ts';
import { failedIds, runServerCatalogue, targetNamed, verdictLines } from './support/run-catalogue.ts';

// Each provider runs the whole server catalogue with the config that passes (nothing fails) and with
// each misconfiguration knob (exactly the scenarios that knob must break fail, each because the
// gateway accepted or refused the wrong client, never because the harness could not decide).

interface Configuration {
  name: string;
  spec: (declaration: LocalTargetDeclaration) => TargetProviderSpec;
  trusts?: string[];
  /** The scenario ids that must fail, in catalogue order. */
  fails: string[];
}

/** Every certificate refusal of the catalogue: what a gateway that checks nothing lets through. */
const everyCertificateRefusal = [
  'no-client-cert',
  'second-ca-client',
  'untrusted-ca',
  'expired-client-cert',
  'not-yet-valid-client-cert',
  'self-signed-client-cert',
  'wrong-eku',
  'missing-intermediate',
];

/** What forgiving an unknown or untrusted issuer lets through (nginx's and Apache's optional_no_ca). */
const unknownIssuers = [
  'no-client-cert',
  'second-ca-client',
  'untrusted-ca',
  'self-signed-client-cert',
  'missing-intermediate',
];

const legacy = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

// The key matrix (#15), at the end of the catalogue. OpenSSL has no check for a CA:TRUE leaf, so every
// OpenSSL gateway that verifies lets it in; at @SECLEVEL=0 (the legacy configurations) it also takes
// RSA-1024 and SHA-1; a gateway that checks nothing takes all four. JSSE (Java 17's default
// jdk.certpath.disabledAlgorithms) takes RSA-1024 and SHA-1 client certificates too.
const caTrueOnly = ['ca-true-leaf'];
const weakAndCaTrue = ['weak-rsa-client', 'sha1-client', 'ca-true-leaf'];
const everyKeyRefusal = ['weak-rsa-client', 'sha1-client', 'ca-true-leaf', 'name-constraint-violation'];

const providers: {
  provider: string;
  available: () => Promise<boolean>;
  install: string;
  configurations: Configuration[];
}[] = [
  {
    provider: 'apache',
    available: () => Promise.resolve(isExecutable(APACHE_DEFAULTS.binary)),
    install: 'apt-get install apache2',
    configurations: [
      {
        name: 'require',
        spec: (declaration) => ({ provider: 'apache', declaration }),
        fails: [...caTrueOnly],
      },
      {
        name: 'require-ca1-ca2',
        trusts: ['ca1', 'ca2'],
        spec: (declaration) => ({ provider: 'apache', declaration }),
        fails: [...caTrueOnly],
      },
      {
        name: 'optional',
        spec: (declaration) => ({ provider: 'apache', declaration, apache: { verifyClient: 'optional' } }),
        fails: ['no-client-cert', ...caTrueOnly],
      },
      {
        name: 'optional-no-ca',
        spec: (declaration) => ({
          provider: 'apache',
          declaration,
          apache: { verifyClient: 'optional_no_ca' },
        }),
        // Like nginx's: forgives an unknown issuer, still refuses expired, not-yet-valid and wrong-EKU.
        fails: [...unknownIssuers, ...caTrueOnly],
      },
      {
        name: 'none',
        spec: (declaration) => ({ provider: 'apache', declaration, apache: { verifyClient: 'none' } }),
        fails: [...everyCertificateRefusal, ...everyKeyRefusal],
      },
      {
        name: 'depth-1',
        spec: (declaration) => ({ provider: 'apache', declaration, apache: { verifyDepth: 1 } }),
        fails: ['intermediate-chain', ...caTrueOnly],
      },
      {
        name: 'legacy',
        spec: (declaration) => ({ provider: 'apache', declaration, apache: { protocols: legacy } }),
        fails: ['tls-legacy-versions', ...weakAndCaTrue],
      },
    ],
  },
  {
    provider: 'haproxy',
    available: () => Promise.resolve(isExecutable(HAPROXY_DEFAULTS.binary)),
    install: 'apt-get install haproxy',
    configurations: [
      {
        name: 'required',
        spec: (declaration) => ({ provider: 'haproxy', declaration }),
        fails: [...caTrueOnly],
      },
      {
        name: 'required-ca1-ca2',
        trusts: ['ca1', 'ca2'],
        spec: (declaration) => ({ provider: 'haproxy', declaration }),
        fails: [...caTrueOnly],
      },
      {
        name: 'optional',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { verify: 'optional' } }),
        fails: ['no-client-cert', ...caTrueOnly],
      },
      {
        name: 'none',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { verify: 'none' } }),
        fails: [...everyCertificateRefusal, ...everyKeyRefusal],
      },
      {
        name: 'crt-ignore-err-all',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { crtIgnoreErr: 'all' } }),
        // Every error on the client certificate is forgiven; a client without one is still refused.
        // crt-ignore-err applies to the leaf's own errors: the name-constraint violation is still refused.
        fails: [
          ...everyCertificateRefusal.filter((id) => id !== 'no-client-cert'),
          ...everyKeyRefusal.filter((id) => id !== 'name-constraint-violation'),
        ],
      },
      {
        name: 'crt-ignore-err-10',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { crtIgnoreErr: '10' } }),
        // X509_V_ERR_CERT_HAS_EXPIRED only.
        fails: ['expired-client-cert', ...caTrueOnly],
      },
      {
        name: 'ca-ignore-err-all',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { caIgnoreErr: 'all' } }),
        // Forgives errors above the client certificate only (depth > 0): every fixture's fault is on
        // the leaf itself (an unknown issuer is reported at depth 0), so nothing gets through.
        fails: [...caTrueOnly],
      },
      {
        name: 'legacy',
        spec: (declaration) => ({ provider: 'haproxy', declaration, haproxy: { protocols: legacy } }),
        fails: ['tls-legacy-versions', ...weakAndCaTrue],
      },
    ],
  },
  {
    provider: 'java',
    available: javaAvailable,
    install: 'apt-get install default-jdk-headless',
    configurations: [
      // Issue 22: a JSSE server set up right passes everything, TLS 1.0/1.1 refused by a silent close included.
      { name: 'need', spec: (declaration) => ({ provider: 'java', declaration }), fails: [...weakAndCaTrue] },
      {
        name: 'need-pkcs12',
        spec: (declaration) => ({ provider: 'java', declaration, java: { storeType: 'pkcs12' } }),
        fails: [...weakAndCaTrue],
      },
      {
        name: 'want',
        spec: (declaration) => ({ provider: 'java', declaration, java: { clientAuth: 'want' } }),
        fails: ['no-client-cert', ...weakAndCaTrue],
      },
      {
        name: 'none',
        spec: (declaration) => ({ provider: 'java', declaration, java: { clientAuth: 'none' } }),
        fails: [...everyCertificateRefusal, ...everyKeyRefusal],
      },
      {
        name: 'legacy',
        spec: (declaration) => ({ provider: 'java', declaration, java: { protocols: legacy } }),
        fails: ['tls-legacy-versions', ...weakAndCaTrue],
      },
    ],
  },
];

for (const { provider, available, install, configurations } of providers) {
  describe(`targets: the server catalogue against ${provider}, configured right and with each misconfiguration`, function () {
    // One run starts every configuration side by side; JVMs take seconds each on a loaded 2-core machine.
    this.timeout(240_000);
    let fixtures: FixtureSet;
    let results: RunResults;

    before(async function () {
      requireTool(this, await available(), provider, install);
      fixtures = await testFixtures();
      results = await runServerCatalogue(
        fixtures,
        configurations.map(({ name, trusts, spec }) =>
          spec({
            name: `${provider}-${name}`,
            trusts: trusts ?? ['ca1'],
            rejectAt: 'any',
            tlsVersions: ['TLSv1.2', 'TLSv1.3'],
          }),
        ),
      );
    });

    for (const { name, fails } of configurations) {
      const title =
        fails.length === 0
          ? 'every scenario passes'
          : `exactly ${fails.join(', ')} fail${fails.length === 1 ? 's' : ''}`;
      it(`${name}: ${title}`, function () {
        const target = targetNamed(results, `${provider}-${name}`);
        expect(target.error, target.error).to.be.undefined;
        expect(target.scenarios.map((scenario) => scenario.id)).to.deep.equal(
          serverScenarios.map((s) => s.id),
        );
        expect(failedIds(target), verdictLines(target).join('\n')).to.deep.equal(fails);
        for (const scenario of target.scenarios.filter((candidate) => candidate.verdict === 'fail')) {
          expect(scenario.reason, scenario.id).to.match(
            /^(TLSv1: )?expected (accepted|rejected), observed (accepted|rejected)|^TLSv1: expected the TLSv1 handshake refused, but it completed/,
          );
        }
      });
    }
  });
}
