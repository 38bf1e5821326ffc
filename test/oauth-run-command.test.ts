import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults, TargetResult } from '../harness/report/run-results.ts';
import { MockAuthorizationServer } from '../harness/servers/mock-authorization-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const oauthIds = [
  'token-with-registered-cert',
  'token-without-cert',
  'token-with-other-clients-cert',
  'token-bound-to-cert',
  'resource-with-bound-token',
  'resource-with-stolen-token',
  'metadata-advertises-mtls',
  'token-with-impostor-cert',
  'resource-with-token-no-cert',
];

describe('mtls-conformance run with oauth targets (end to end, the real CLI in a subprocess)', function () {
  this.timeout(120_000);
  let work: string;

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-oauth-run-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('runs the oauth suite against the built-in mock and a flawed token endpoint, into results.json, JUnit and the HTML', async () => {
    const fixtures = await testFixtures();
    const tpp1 = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      subject: 'tpp1.demo.axway.com',
      issuersPem: fixtures.certificatePem('ca1'),
    } as const;
    await using unbound = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withClient(tpp1)
      .withFlaw('issues-unbound-tokens')
      .start();
    // Issue 19's flaws: tpp1's twin from ca2 taken for tpp1, the bound token served without a certificate.
    await using impostor = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withClient(tpp1)
      .withFlaw('accepts-impostor-subject')
      .start();
    await using replay = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withClient(tpp1)
      .withFlaw('resource-serves-without-cert')
      .start();
    const flawed = (name: string, url: string) => [
      `  - name: ${name}`,
      `    url: ${url}`,
      '    suite: oauth',
      '    trusts: [ca1, ca2]',
      '    serverCa: ca1',
      '    oauth: { clientId: tpp1, authMethod: tls_client_auth, expectedSubject: tpp1.demo.axway.com, resourceUrl: /resource }',
    ];
    const config = join(work, 'oauth.yaml');
    await writeFile(
      config,
      [
        'targets:',
        '  - name: mock-as',
        '    provider: mock',
        '    suite: oauth',
        '    trusts: [ca1, ca2]',
        '    serverCa: ca1',
        '    oauth: { clientId: tpp1, authMethod: self_signed_tls_client_auth }',
        '  - { name: mock-as-ca1, provider: mock, suite: oauth, trusts: [ca1], serverCa: ca1 }',
        '  - name: unbound-as',
        `    url: ${unbound.tokenEndpoint}`,
        '    suite: oauth',
        '    trusts: [ca1, ca2]',
        '    serverCa: ca1',
        '    oauth:',
        '      clientId: tpp1',
        '      authMethod: tls_client_auth',
        '      expectedSubject: tpp1.demo.axway.com',
        '      resourceUrl: /resource',
        ...flawed('impostor-as', impostor.tokenEndpoint),
        ...flawed('replay-as', replay.tokenEndpoint),
        '',
      ].join('\n'),
    );
    const reportDir = join(work, 'reports');
    const result = await runCliProcess(
      [
        'run',
        '--config',
        config,
        '--fixtures',
        testFixturesDir,
        '--fixtures-passphrase-env',
        'FIXTURE_PASS',
        '--report-dir',
        reportDir,
      ],
      { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
    );

    expect(result.code, result.stderr).to.equal(1);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    const target = (name: string): TargetResult => {
      const found = results.targets.find((candidate) => candidate.name === name);
      if (found === undefined) throw new Error(`no target ${name} in results.json`);
      return found;
    };
    const lines = (name: string) =>
      target(name).scenarios.map((scenario) => `${scenario.id}: ${scenario.verdict}`);
    expect(target('mock-as')).to.include({ suite: 'oauth' });
    expect(target('mock-as').url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
    expect(lines('mock-as')).to.deep.equal(oauthIds.map((id) => `${id}: pass`));
    // Trusting ca1 only (WSO2's client-truststore.jks), the other client is tpp3, refused by the AS itself.
    // Neither of tpp1's twins (ca2, rogue-ca) gets through a TLS layer that trusts ca1 only: nothing to judge.
    expect(lines('mock-as-ca1')).to.deep.equal(
      oauthIds.map((id) => `${id}: ${id === 'token-with-impostor-cert' ? 'skip' : 'pass'}`),
    );
    const only = (failed: string[]) =>
      oauthIds.map((id) => `${id}: ${failed.includes(id) ? 'fail' : 'pass'}`);
    expect(lines('impostor-as')).to.deep.equal(only(['token-with-impostor-cert']));
    expect(lines('replay-as')).to.deep.equal(only(['resource-with-token-no-cert']));
    for (const id of ['token-with-other-clients-cert', 'resource-with-stolen-token']) {
      const scenario = target('mock-as-ca1').scenarios.find((candidate) => candidate.id === id);
      expect(scenario?.reason, id).to.match(
        /^tpp3 was refused by the (token endpoint|resource) with HTTP 401 .+; TLS: the server asked for a client certificate, naming the CA CN=Axway Root CA; the handshake completed with tpp3's certificate;/,
      );
      expect(scenario?.observed?.clientCertificate?.subject, id).to.include('CN=tpp3.demo.axway.com');
    }
    expect(lines('unbound-as')).to.deep.equal(
      only(['token-bound-to-cert', 'resource-with-stolen-token', 'resource-with-token-no-cert']),
    );
    const stolen = target('unbound-as').scenarios.find(
      (scenario) => scenario.id === 'resource-with-stolen-token',
    );
    expect(stolen?.reproduce).to.include('--header "Authorization: Bearer $ACCESS_TOKEN"');

    const html = await readFile(join(reportDir, 'report.html'), 'utf8');
    const junit = await readFile(join(reportDir, 'junit.xml'), 'utf8');
    for (const id of oauthIds) {
      expect(html, id).to.include(id);
      expect(junit, id).to.include(id);
    }
    expect(html).to.include('the resource served the token over tpp2');
    expect(html).to.include('a token was issued to tpp1-from-ca2');
    expect(html).to.include(
      'the resource served the certificate-bound token to a client that presented no certificate',
    );
    // No usable token in any report: JWTs keep their claims (the evidence) but not their signature.
    expect(JSON.stringify(results)).to.match(/eyJ[\w-]+\.eyJ[\w-]+\.\(signature redacted\)/);
    for (const text of [html, junit, JSON.stringify(results)]) {
      const signatures = [...text.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([\w-]+)/g)].map((match) => match[1]);
      expect(signatures).to.deep.equal([]);
    }
  });
});

describe('mtls-conformance run: OAuth introspection credentials from the environment (the real CLI)', function () {
  this.timeout(120_000);
  let work: string;
  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-oauth-introspect-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('introspects an opaque token with Basic credentials it reads from the environment, and writes them into no report', async () => {
    const fixtures = await testFixtures();
    const password = 'wso2-admin-password-not-in-reports';
    await using server = await new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withClient({ clientId: 'tpp1', authMethod: 'tls_client_auth', subject: 'tpp1.demo.axway.com' })
      .withTokenFormat('opaque')
      .withIntrospectionCredentials('admin', password)
      .withFlaw('issues-unbound-tokens')
      .withRequiredTokenParameter('resource', 'https://api.example.com/accounts')
      .start();
    const config = join(work, 'oauth.yaml');
    await writeFile(
      config,
      [
        'targets:',
        '  - name: opaque-as',
        `    url: ${server.tokenEndpoint}`,
        '    suite: oauth',
        '    trusts: [ca1]',
        '    serverCa: ca1',
        '    scenarios: { only: [token-with-registered-cert, token-bound-to-cert] }',
        '    oauth:',
        '      clientId: tpp1',
        '      authMethod: tls_client_auth',
        '      tokenParameters: { resource: "https://api.example.com/accounts" }',
        '      introspection: { url: /oauth2/introspect, basic: { userEnv: AS_ADMIN, passwordEnv: AS_ADMIN_PASSWORD } }',
        '',
      ].join('\n'),
    );
    const reportDir = join(work, 'reports');
    const args = [
      'run',
      '--config',
      config,
      '--fixtures',
      testFixturesDir,
      '--fixtures-passphrase-env',
      'FIXTURE_PASS',
    ];
    const env = { FIXTURE_PASS: testPassphrase, AS_ADMIN: 'admin', AS_ADMIN_PASSWORD: password };

    // Without the password variable the run stops before any probe, naming it.
    const { AS_ADMIN_PASSWORD: _unset, ...withoutPassword } = env;
    const refused = await runCliProcess([...args, '--report-dir', join(work, 'refused')], {
      cwd: work,
      env: withoutPassword,
    });
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.include('oauth.introspection.basic.passwordEnv');
    expect(refused.stderr).to.include('AS_ADMIN_PASSWORD is not set');

    const result = await runCliProcess([...args, '--report-dir', reportDir], { cwd: work, env });
    expect(result.code, result.stderr).to.equal(1);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    const scenarios = results.targets[0]!.scenarios;
    expect(scenarios.map((scenario) => `${scenario.id}: ${scenario.verdict}`)).to.deep.equal([
      'token-with-registered-cert: pass',
      'token-bound-to-cert: fail',
    ]);
    const binding = scenarios[1]!;
    expect(binding.reason).to.match(/^the introspection answer has no cnf claim/);
    expect(binding.reproduce).to.include('-u "$AS_ADMIN:$AS_ADMIN_PASSWORD"');
    expect(binding.reproduce).to.include('--data-urlencode resource=https://api.example.com/accounts');
    const basic = Buffer.from(`admin:${password}`).toString('base64');
    for (const file of ['results.json', 'junit.xml', 'report.html']) {
      const text = await readFile(join(reportDir, file), 'utf8');
      expect(text, file).not.to.include(password);
      expect(text, file).not.to.include(basic);
    }
    expect(result.stdout + result.stderr).not.to.include(password);
  });
});
