import { expect } from 'chai';
import { resolveAuthCredentials, toAuthDeclaration } from '../harness/config/resolve-target-secrets.ts';
import type { AuthConfig } from '../harness/config/config-types.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { authScenarios, serverScenarios } from '../harness/scenarios/catalogue.ts';
import type { AuthMode } from '../harness/scenarios/auth/auth-declaration.ts';
import { withAuthFixtures } from '../harness/scenarios/auth/with-auth-fixtures.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { UrlTargetProvider } from '../harness/targets/url-target.ts';
import { suitePlanners } from '../suites/index.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

const env = { API_USER: 'alice', API_PASSWORD: 'alice-secret-pw', API_TOKEN: 'alice-secret-token' };
const basic: AuthConfig['basic'] = { userEnv: 'API_USER', passwordEnv: 'API_PASSWORD' };
const authIds = authScenarios.map((scenario) => scenario.id);
// As modeServer registers them: the declaration tells the scenarios whose each certificate is.
const users = [
  { subject: 'tpp1', user: 'alice' },
  { subject: 'tpp3', user: 'bob' },
];

/** Runs the server suite plus the auth set against a started server, declared in `mode`. */
async function runDeclared(
  set: FixtureSet,
  server: StartedMockMtlsServer,
  auth: AuthConfig | undefined,
  only?: string[],
): Promise<RunResults> {
  // Resolved as the run command resolves it: which fixture certificate is whose.
  const declaration = withAuthFixtures(
    {
      name: 'webmethods',
      url: `${server.url}/healthcheck`,
      trusts: ['ca1'],
      rejectAt: 'any' as const,
      tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
      ...(auth ? { auth: toAuthDeclaration(auth) } : {}),
    },
    set,
  );
  return runConformance({
    fixtures: set,
    fixturePassphrase: testPassphrase,
    planners: suitePlanners,
    concurrency: 6,
    timeouts: {},
    targets: [
      {
        declaration,
        suite: 'server',
        selection: only ? { only } : {},
        provider: new UrlTargetProvider(declaration),
        ...(auth ? { credentials: resolveAuthCredentials(auth, env) } : {}),
      },
    ],
  });
}

function verdicts(results: RunResults): Record<string, string> {
  return Object.fromEntries(
    (results.targets[0]?.scenarios ?? []).map((scenario) => [scenario.id, scenario.verdict]),
  );
}

/** A mock in `mode` with alice (tpp1) and bob (tpp3), as a webMethods tenant would have them. */
function modeServer(set: FixtureSet, mode: AuthMode): Promise<StartedMockMtlsServer> {
  return new MockMtlsServer(set.identity('server'))
    .withTrust(set.trustBundlePem(['ca1']))
    .withCredentialMode(mode, {
      users: [
        {
          name: 'alice',
          password: env.API_PASSWORD,
          token: env.API_TOKEN,
          certificateSubject: set.identity('tpp1').certificate.subject,
        },
        { name: 'bob', password: 'bob-pw', certificateSubject: set.identity('tpp3').certificate.subject },
      ],
    })
    .start();
}

/** The same endpoint without any credential check: what the scenarios exist to catch. */
function ignoringServer(set: FixtureSet, mode: AuthMode): Promise<StartedMockMtlsServer> {
  return new MockMtlsServer(set.identity('server'))
    .withTrust(set.trustBundlePem(['ca1']))
    .withClientAuth(mode === 'exclusive' ? 'require' : 'optional')
    .start();
}

describe('auth-* scenarios: the authentication modes against the mock', function () {
  this.timeout(60_000);
  let set: FixtureSet;

  before(async () => {
    set = await testFixtures();
  });

  const caught: Record<AuthMode, string[]> = {
    exclusive: ['auth-wrong-credentials', 'auth-other-users-certificate'],
    force: [
      'auth-credentials-only',
      'auth-neither',
      'auth-wrong-credentials',
      'auth-other-users-certificate',
    ],
    default: ['auth-neither', 'auth-wrong-credentials'],
  };

  for (const mode of ['exclusive', 'force', 'default'] as const) {
    it(`${mode}: every auth scenario passes against a mock in that mode`, async () => {
      await using server = await modeServer(set, mode);
      const results = await runDeclared(set, server, { mode, basic, users }, ['trusted-client', ...authIds]);
      expect(verdicts(results)).to.deep.equal(
        Object.fromEntries(['trusted-client', ...authIds].map((id) => [id, 'pass'])),
        JSON.stringify(results.targets[0]?.scenarios.map((scenario) => scenario.reason)),
      );
      expect(JSON.stringify(results)).not.to.include(env.API_PASSWORD);
      const reasons = results.targets[0]?.scenarios.map((scenario) => scenario.reason) ?? [];
      expect(reasons.filter((reason) => reason.startsWith('reported only'))).to.deep.equal([]);
    });

    it(`${mode}: fails ${caught[mode].join(', ')} against a mock that ignores credentials`, async () => {
      await using server = await ignoringServer(set, mode);
      const results = await runDeclared(set, server, { mode, basic, users }, authIds);
      const failed = Object.entries(verdicts(results))
        .filter(([, verdict]) => verdict === 'fail')
        .map(([id]) => id);
      expect(failed).to.deep.equal(caught[mode]);
    });
  }

  it('sends a bearer token the same way, and names the variable, not the token, in reproduce commands', async () => {
    await using server = await ignoringServer(set, 'force');
    const auth: AuthConfig = { mode: 'force', bearer: { tokenEnv: 'API_TOKEN' }, users: [] };
    const results = await runDeclared(set, server, auth, ['auth-wrong-credentials']);
    const [scenario] = results.targets[0]?.scenarios ?? [];
    expect(scenario?.verdict).to.equal('fail');
    expect(scenario?.reason).to.include('(sent wrong credentials)');
    expect(scenario?.reproduce).to.match(
      /^curl -v --insecure --cert \S+tpp1\.crt --key \S+tpp1\.key https:\/\/127\.0\.0\.1:\d+\/healthcheck -H "Authorization: Bearer \$\(openssl rand -hex 24\)"$/,
    );
    expect(JSON.stringify(results)).not.to.include(env.API_TOKEN);
    await using modeMock = await modeServer(set, 'default');
    const passing = await runDeclared(set, modeMock, { ...auth, mode: 'default' }, authIds);
    expect(Object.values(verdicts(passing))).to.deep.equal(authIds.map(() => 'pass'));
  });

  it('adds nothing to a target without auth: it runs the server catalogue alone', async () => {
    await using server = await new MockMtlsServer(set.identity('server'))
      .withTrust(set.trustBundlePem(['ca1']))
      .start();
    const results = await runDeclared(set, server, undefined);
    expect(Object.keys(verdicts(results))).to.deep.equal(serverScenarios.map((scenario) => scenario.id));
  });

  it('derives each expectation from the declared mode, with the seed as the reason', () => {
    const declaration = (mode: AuthMode) =>
      withAuthFixtures(
        {
          name: 'x',
          url: 'https://127.0.0.1/',
          trusts: ['ca1'],
          rejectAt: 'any' as const,
          tlsVersions: ['TLSv1.2' as const],
          auth: toAuthDeclaration({ mode, basic, users: [{ subject: 'tpp1', user: 'alice' }] }),
        },
        set,
      );
    const rows = authScenarios.map((scenario) =>
      [
        scenario.id,
        ...(['exclusive', 'force', 'default'] as const).map(
          (mode) => scenario.expect(declaration(mode), set).expected,
        ),
      ].join(' '),
    );
    expect(rows).to.deep.equal([
      'auth-certificate-only accepted accepted accepted',
      'auth-credentials-only rejected rejected accepted',
      'auth-certificate-and-credentials accepted accepted accepted',
      'auth-neither rejected rejected rejected',
      'auth-wrong-credentials rejected rejected rejected',
      'auth-other-users-certificate rejected rejected accepted',
    ]);
    const untrusted = { ...declaration('default'), trusts: ['ca2'] };
    expect(authScenarios[0]?.expect(untrusted, set)).to.deep.equal({
      expected: 'rejected',
      because:
        'target trusts [ca2]; tpp1 is issued by ca1, which it does not trust: refused whatever the credentials',
    });
  });
});
