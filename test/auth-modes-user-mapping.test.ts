import { expect } from 'chai';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import type { AuthDeclaration, AuthMode } from '../harness/scenarios/auth/auth-declaration.ts';
import { resolveAuthFixtures, unresolvedFixtures } from '../harness/scenarios/auth/auth-fixtures.ts';
import { chooseOtherUserCertificate } from '../harness/scenarios/auth/other-user-certificate.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { UrlTargetProvider } from '../harness/targets/url-target.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  authScenarioIds,
  resultOf,
  runOnly,
  scenariosOf,
  useAuthRunEnvironment,
} from './support/run-auth-scenarios.ts';

// The mock reads the credentials from process.env when it starts, as a run does; names unique to this file.
const env = {
  MAPPING_USER: 'alice',
  MAPPING_PASSWORD: 'mapping-secret-pw',
  MAPPING_TOKEN: 'mapping-secret-token',
};
const basic = 'basic: { userEnv: MAPPING_USER, passwordEnv: MAPPING_PASSWORD }';
const bearer = 'bearer: { tokenEnv: MAPPING_TOKEN }';
const authIds = authScenarioIds;
const otherUsers = 'auth-other-users-certificate';
/** Set by the describe block's useAuthRunEnvironment. */
let targetOf: ReturnType<typeof useAuthRunEnvironment>;

/** The target of a config with one `provider: mock` target whose `auth:` holds `fields`. */
function mockTarget(mode: AuthMode, fields: string[]) {
  const text = [
    'targets:',
    '  - name: mapped',
    '    provider: mock',
    '    trusts: [ca1]',
    '    auth:',
    `      mode: ${mode}`,
    ...fields.map((field) => `      ${field}`),
    '',
  ].join('\n');
  return targetOf(text);
}

function verdicts(results: RunResults): Record<string, string> {
  return Object.fromEntries(scenariosOf(results).map((scenario) => [scenario.id, scenario.verdict]));
}

const allPass = Object.fromEntries(authIds.map((id) => [id, 'pass']));

describe("auth-other-users-certificate: the other user's certificate comes from the declared users", function () {
  this.timeout(60_000);
  let set: FixtureSet;

  targetOf = useAuthRunEnvironment(env, 'mtlsc-auth-mapping-');

  before(async () => {
    set = await testFixtures();
  });

  for (const [scheme, credentials] of [
    ['basic', basic],
    ['bearer', bearer],
  ] as const) {
    for (const mode of ['exclusive', 'force', 'default'] as const) {
      it(`${scheme}, ${mode}: bob (tpp3) listed before alice still passes against the built-in mock`, async () => {
        const target = mockTarget(mode, [
          credentials,
          'users: [{ subject: tpp3, user: bob }, { subject: tpp1, user: alice }]',
        ]);
        const results = await runOnly(set, toRunTargetSpec(target, set));
        expect(verdicts(results)).to.deep.equal(
          allPass,
          JSON.stringify(scenariosOf(results).map((scenario) => scenario.reason)),
        );
        const other = resultOf(results, otherUsers);
        expect(other.observed?.clientCertificate?.subject).to.equal(set.identity('tpp3').certificate.subject);
        expect(other.expectationBasis).to.include("tpp3 is registered to bob, the credentials are alice's (");
        if (mode !== 'default') {
          expect(other.observed?.http?.bodyExcerpt).to.include(
            `${mode} mode: the certificate is registered to bob but the credentials are alice's`,
          );
        }
      });
    }
  }

  it('bob first, bearer: fails auth-other-users-certificate against a mock that ignores credentials', async () => {
    const target = mockTarget('force', [
      bearer,
      'users: [{ subject: tpp3, user: bob }, { subject: tpp1, user: alice }]',
    ]);
    const spec = toRunTargetSpec(target, set);
    await using server = await new MockMtlsServer(set.identity('server'))
      .withTrust(set.trustBundlePem(['ca1']))
      .withClientAuth('optional')
      .start();
    const declaration = { ...spec.declaration, url: `${server.url}/healthcheck` };
    const results = await runOnly(
      set,
      { ...spec, declaration, provider: new UrlTargetProvider(declaration) },
      [otherUsers],
    );
    expect(resultOf(results, otherUsers).verdict).to.equal('fail');
  });

  it("presents the certificate the users register to another user (intermediate-leaf, bob's), not tpp3", async () => {
    const target = mockTarget('force', [
      basic,
      'users: [{ subject: tpp1, user: alice }, { subject: intermediate-leaf, user: bob }]',
    ]);
    const spec = toRunTargetSpec(target, set);
    const results = await runOnly(set, spec, [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(other.observed?.clientCertificate?.subject).to.equal(
      set.identity('intermediate-leaf').certificate.subject,
    );
    expect(other.expectationBasis).to.equal(
      "force mode: intermediate-leaf is registered to bob, the credentials are alice's ($MAPPING_USER); force also validates the certificate against the credentials' user",
    );
    expect(other.observed?.http?.bodyExcerpt).to.include(
      "force mode: the certificate is registered to bob but the credentials are alice's",
    );
  });

  it('names a certificate registered to no user for what it is, in the basis and in the refusal', async () => {
    const target = mockTarget('force', [basic, 'users: [{ subject: tpp1, user: alice }]']);
    const results = await runOnly(set, toRunTargetSpec(target, set), [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(other.observed?.clientCertificate?.subject).to.equal(set.identity('tpp3').certificate.subject);
    expect(other.expectationBasis).to.equal(
      "force mode: tpp3 is registered to no declared user (auth.users), so not to alice ($MAPPING_USER); force also validates the certificate against the credentials' user",
    );
    expect(other.expectationBasis).not.to.include('another');
    expect(other.observed?.http?.bodyExcerpt).to.include(
      'force mode: the client certificate is registered to no user',
    );
  });

  it("skips, with the reason, where the users give no certificate that is not the credentials' user's", async () => {
    const target = mockTarget('force', [
      basic,
      'users: [{ subject: tpp1, user: alice }, { subject: tpp3, user: alice }]',
    ]);
    const results = await runOnly(set, toRunTargetSpec(target, set), [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('skip');
    expect(other.reason).to.equal(
      "skipped: auth.users registers no fixture certificate to a user other than alice (the credentials' user, $MAPPING_USER) and tpp3 is alice's; register one to another user, e.g. { subject: intermediate-leaf, user: bob }",
    );
  });

  it('asks for credentialsUser where whose the bearer token is cannot be derived, and follows it', async () => {
    const users = 'users: [{ subject: tpp3, user: bob }, { subject: "CN=alice, O=Example", user: alice }]';
    const unknown = await runOnly(set, toRunTargetSpec(mockTarget('force', [bearer, users]), set), [
      otherUsers,
    ]);
    expect(resultOf(unknown, otherUsers).reason).to.equal(
      "skipped: whose the credentials are is not known (auth.users registers nothing to tpp1, the trusted identity) and tpp3 is bob's; set auth.credentialsUser to the user they belong to",
    );
    const target = mockTarget('force', [bearer, users, 'credentialsUser: alice']);
    const results = await runOnly(set, toRunTargetSpec(target, set), [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(other.expectationBasis).to.include(
      "tpp3 is registered to bob, the credentials are alice's (auth.credentialsUser)",
    );
    expect(other.observed?.http?.bodyExcerpt).to.include(
      "the certificate is registered to bob but the credentials are alice's",
    );
  });

  it('chooses from the declaration and the fixture set alone, whatever the order of users', () => {
    const auth = (users: AuthDeclaration['users'], credentialsUser?: string): AuthDeclaration => ({
      mode: 'force',
      scheme: 'bearer',
      credentialSource: '$T',
      users,
      ...(credentialsUser === undefined ? {} : { credentialsUser: { user: credentialsUser, source: 'x' } }),
      fixtures: resolveAuthFixtures(users, set),
    });
    const alice = { subject: 'tpp1', user: 'alice' };
    const cases: Array<[string, AuthDeclaration, string | null, string?]> = [
      ['no users: tpp3, nobody declared', auth([]), 'tpp3'],
      ['bob first', auth([{ subject: 'tpp3', user: 'bob' }, alice]), 'tpp3'],
      ['a DN of bob cannot be presented', auth([{ subject: 'CN=bob', user: 'bob' }, alice]), 'tpp3'],
      [
        "carol's fixture listed before bob's",
        auth([alice, { subject: 'intermediate-leaf', user: 'carol' }, { subject: 'tpp3', user: 'bob' }]),
        'intermediate-leaf',
      ],
      ['explicit credentials user', auth([alice, { subject: 'tpp3', user: 'bob' }], 'bob'), 'tpp1'],
      ['tpp3 is alice’s too', auth([alice, { subject: 'tpp3', user: 'alice' }]), null],
      ['own identity, no credentialsUser', auth([{ subject: 'tpp3', user: 'bob' }]), null, 'partner.p12'],
      [
        "tpp3's SAN registers it to alice",
        auth([alice, { subject: 'tpp3.demo.axway.com', user: 'alice' }]),
        null,
      ],
      ["tpp1's SAN tells whose the token is", auth([{ subject: 'tpp1.demo.axway.com', user: 'al' }]), 'tpp3'],
      [
        "bob's tpp2 (ca2) is not trusted: tpp3",
        auth([alice, { subject: 'tpp2.demo.axway.com', user: 'bob' }]),
        'tpp3',
      ],
      [
        "bob's expired is refused by any TLS layer",
        auth([alice, { subject: 'expired', user: 'bob' }]),
        'tpp3',
      ],
    ];
    for (const [label, declaration, fixture, trustedIdentity] of cases) {
      const target = { auth: declaration, trusts: ['ca1'], ...(trustedIdentity ? { trustedIdentity } : {}) };
      expect(chooseOtherUserCertificate(target).fixture, label).to.equal(fixture);
    }
    const tpp2 = auth([alice, { subject: 'tpp2.demo.axway.com', user: 'bob' }]);
    expect(chooseOtherUserCertificate({ auth: tpp2, trusts: ['ca1', 'ca2'] }).fixture).to.equal('tpp2');
    const { fixtures, ...unresolved } = tpp2;
    expect(fixtures).to.have.length.above(0);
    expect(chooseOtherUserCertificate({ auth: unresolved, trusts: ['ca1'] })).to.deep.equal({
      fixture: null,
      why: unresolvedFixtures,
    });
  });

  it('refuses a credentialsUser that is not one of the users, naming the field and the choices', () => {
    let message = '';
    try {
      mockTarget('force', [
        basic,
        'users: [{ subject: tpp1, user: alice }, { subject: tpp3, user: bob }]',
        'credentialsUser: alcie',
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('targets[0].auth.credentialsUser');
    expect(message).to.include(
      '"alcie" is not a user of auth.users; give one of alice, bob, or add its certificate to users',
    );
  });

  it("refuses to start a mock whose credentialsUser is not the Basic user's name", async () => {
    const target = mockTarget('force', [
      basic,
      'users: [{ subject: tpp1, user: alice }, { subject: tpp3, user: bob }]',
      'credentialsUser: bob',
    ]);
    let message = '';
    try {
      const started = await toRunTargetSpec(target, set).provider.start();
      await started.stop();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal(
      'Cannot start the mock of target mapped. auth.credentialsUser is bob but $MAPPING_USER is alice, and the mock knows a user by its Basic user name; make them equal or remove credentialsUser.',
    );
  });
});
