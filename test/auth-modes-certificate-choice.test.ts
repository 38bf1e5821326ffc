import { expect } from 'chai';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import type { RunTargetSpec } from '../harness/runner/run-conformance.ts';
import type { AuthDeclaration, AuthMode } from '../harness/scenarios/auth/auth-declaration.ts';
import type { CertificateUser } from '../harness/scenarios/auth/certificate-user.ts';
import { resolveAuthFixtures } from '../harness/scenarios/auth/auth-fixtures.ts';
import { credentialsUserPresentation } from '../harness/scenarios/auth/credentials-user-certificate.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { UrlTargetProvider } from '../harness/targets/url-target.ts';
import { testFixtures } from './support/fixtures.ts';
import { authScenarioIds, resultOf, runOnly, useAuthRunEnvironment } from './support/run-auth-scenarios.ts';

// Which certificate the auth-* scenarios present, from `users` resolved against the fixture set as
// the mock resolves it (a fixture name, else a DN or a SAN), and from what the target trusts.
const env = { CHOICE_USER: 'alice', CHOICE_PASSWORD: 'choice-secret-pw', CHOICE_TOKEN: 'choice-token' };
const basic = 'basic: { userEnv: CHOICE_USER, passwordEnv: CHOICE_PASSWORD }';
const authIds = authScenarioIds;
const otherUsers = 'auth-other-users-certificate';
const sameUser = 'auth-certificate-and-credentials';
const wrong = 'auth-wrong-credentials';
/** Set by the describe block's useAuthRunEnvironment. */
let targetOf: ReturnType<typeof useAuthRunEnvironment>;

function mockTarget(trusts: string[], users: string[], credentials = basic) {
  const text = [
    'targets:',
    '  - name: chosen',
    '    provider: mock',
    `    trusts: [${trusts.join(', ')}]`,
    '    auth:',
    '      mode: force',
    `      ${credentials}`,
    `      users: [${users.join(', ')}]`,
    '',
  ].join('\n');
  return targetOf(text);
}

/** The same declaration run against a server that checks certificates only, never credentials. */
async function runIgnoring(
  set: FixtureSet,
  spec: RunTargetSpec,
  trusts: string[],
  only: string[],
): Promise<RunResults> {
  await using server = await new MockMtlsServer(set.identity('server'))
    .withTrust(set.trustBundlePem(trusts))
    .withClientAuth('optional')
    .start();
  const declaration = { ...spec.declaration, url: `${server.url}/healthcheck` };
  // Awaited here: the server is disposed when this function returns.
  const results = await runOnly(
    set,
    { ...spec, declaration, provider: new UrlTargetProvider(declaration) },
    only,
  );
  for (const scenario of results.targets[0]?.scenarios ?? []) {
    expect(scenario.observed?.outcome ?? 'none', scenario.reason).not.to.equal('error');
  }
  return results;
}

const entry = (subject: string, user: string) => `{ subject: ${JSON.stringify(subject)}, user: ${user} }`;

describe('auth-* scenarios choose their certificate from users resolved against the fixture set', function () {
  this.timeout(60_000);
  let set: FixtureSet;
  const subjectOf = (name: string) => set.identity(name).certificate.subject;
  const presented = (results: RunResults, id: string) =>
    resultOf(results, id).observed?.clientCertificate?.subject;

  targetOf = useAuthRunEnvironment(env, 'mtlsc-auth-choice-');

  before(async () => {
    set = await testFixtures();
  });

  it("a: tpp3 registered to alice by its SAN is alice's own, not nobody's: skipped, not a false failure", async () => {
    const target = mockTarget(['ca1'], [entry('tpp1', 'alice'), entry('tpp3.demo.axway.com', 'alice')]);
    const results = await runOnly(set, toRunTargetSpec(target, set), [otherUsers, sameUser]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('skip', other.reason);
    expect(other.reason).to.equal(
      "skipped: auth.users registers no fixture certificate to a user other than alice (the credentials' user, $CHOICE_USER) and tpp3 is alice's; register one to another user, e.g. { subject: intermediate-leaf, user: bob }",
    );
    expect(resultOf(results, sameUser).verdict).to.equal('pass', resultOf(results, sameUser).reason);
  });

  it("a: a DN registers intermediate-leaf to bob; presented with alice's credentials, and caught when ignored", async () => {
    const target = mockTarget(
      ['ca1'],
      [
        entry('tpp1', 'alice'),
        entry('tpp3.demo.axway.com', 'alice'),
        entry(subjectOf('intermediate-leaf'), 'bob'),
      ],
    );
    const spec = toRunTargetSpec(target, set);
    const results = await runOnly(set, spec, [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(presented(results, otherUsers)).to.equal(subjectOf('intermediate-leaf'));
    expect(other.expectationBasis).to.include(
      "intermediate-leaf is registered to bob (by its DN), the credentials are alice's ($CHOICE_USER)",
    );
    expect(resultOf(await runIgnoring(set, spec, ['ca1'], [otherUsers]), otherUsers).verdict).to.equal(
      'fail',
    );
  });

  it('b: tpp2 registered to bob by its SAN is tpp2, not a missing fixture; the target must trust ca2 to use it', async () => {
    const users = [entry('tpp1', 'alice'), entry('tpp2.demo.axway.com', 'bob')];
    const both = toRunTargetSpec(mockTarget(['ca1', 'ca2'], users), set);
    const results = await runOnly(set, both, [otherUsers, sameUser]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(presented(results, otherUsers)).to.equal(subjectOf('tpp2'));
    expect(other.expectationBasis).to.include(
      "tpp2 is registered to bob (by its SAN tpp2.demo.axway.com), the credentials are alice's",
    );
    expect(other.observed?.http?.bodyExcerpt).to.include(
      "the certificate is registered to bob but the credentials are alice's",
    );
    expect(resultOf(results, sameUser).verdict).to.equal('pass', resultOf(results, sameUser).reason);
    const ignored = await runIgnoring(set, both, ['ca1', 'ca2'], [otherUsers]);
    expect(resultOf(ignored, otherUsers).verdict).to.equal('fail');

    // Trusting ca1 only, tpp2 would be refused by the TLS layer: tpp3, nobody's, is presented instead.
    const ca1Only = toRunTargetSpec(mockTarget(['ca1'], users), set);
    const narrowed = await runOnly(set, ca1Only, [otherUsers]);
    const instead = resultOf(narrowed, otherUsers);
    expect(instead.verdict).to.equal('pass', instead.reason);
    expect(presented(narrowed, otherUsers)).to.equal(subjectOf('tpp3'));
    expect(instead.expectationBasis).to.equal(
      "force mode: tpp3 is registered to no declared user (auth.users), so not to alice ($CHOICE_USER) (passed over, as the TLS layer would refuse it first: bob's tpp2 chains to ca2, which the target does not trust); force also validates the certificate against the credentials' user",
    );
    expect(resultOf(await runIgnoring(set, ca1Only, ['ca1'], [otherUsers]), otherUsers).verdict).to.equal(
      'fail',
    );
  });

  it("c: prefers carol's tpp3 (ca1) to bob's tpp2 (ca2, untrusted), so the mapping is what refuses it", async () => {
    const users = [entry('tpp1', 'alice'), entry('tpp2', 'bob'), entry('tpp3', 'carol')];
    const spec = toRunTargetSpec(mockTarget(['ca1'], users), set);
    const results = await runOnly(set, spec, [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(presented(results, otherUsers)).to.equal(subjectOf('tpp3'));
    expect(other.observed?.stage).to.equal('http');
    expect(other.observed?.http?.bodyExcerpt).to.include(
      "the certificate is registered to carol but the credentials are alice's",
    );
    expect(resultOf(await runIgnoring(set, spec, ['ca1'], [otherUsers]), otherUsers).verdict).to.equal(
      'fail',
    );
  });

  it("c: skips where only an untrusted CA's certificate is another user's: a TLS refusal is no verdict", async () => {
    const users = [entry('tpp1', 'alice'), entry('tpp2', 'bob'), entry('tpp3', 'alice')];
    const results = await runOnly(set, toRunTargetSpec(mockTarget(['ca1'], users), set), [otherUsers]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('skip');
    expect(other.observed ?? null).to.equal(null);
    expect(other.reason).to.equal(
      "skipped: the certificate-to-user mapping could not be exercised: the only fixture certificates auth.users registers to a user other than alice (the credentials' user, $CHOICE_USER) would be refused by the TLS layer before any credential counts (bob's tpp2 chains to ca2, which the target does not trust; target trusts [ca1]), and tpp3 is alice's; register a certificate of a CA the target trusts to another user, e.g. { subject: intermediate-leaf, user: bob }",
    );
  });

  it("d: certificate and credentials present alice's tpp3, not bob's tpp1, with alice's credentials", async () => {
    const spec = toRunTargetSpec(mockTarget(['ca1'], [entry('tpp1', 'bob'), entry('tpp3', 'alice')]), set);
    const results = await runOnly(set, spec);
    const verdicts = Object.fromEntries(results.targets[0]?.scenarios.map((s) => [s.id, s.verdict]) ?? []);
    expect(verdicts).to.deep.equal(
      Object.fromEntries(authIds.map((id) => [id, 'pass'])),
      JSON.stringify(results.targets[0]?.scenarios.map((scenario) => scenario.reason)),
    );
    const same = resultOf(results, sameUser);
    expect(presented(results, sameUser)).to.equal(subjectOf('tpp3'));
    expect(same.expectationBasis).to.equal(
      "force mode: tpp3 is registered to alice, the credentials' user ($CHOICE_USER); credentials and certificate both belong to the user",
    );
    expect(presented(results, wrong)).to.equal(subjectOf('tpp3'));
    expect(presented(results, otherUsers)).to.equal(subjectOf('tpp1'));
    expect(resultOf(results, otherUsers).expectationBasis).to.include(
      "tpp1 is registered to bob, the credentials are alice's ($CHOICE_USER)",
    );
    const ignored = await runIgnoring(set, spec, ['ca1'], [sameUser, wrong, otherUsers]);
    expect(resultOf(ignored, sameUser).verdict).to.equal('pass', resultOf(ignored, sameUser).reason);
    expect(resultOf(ignored, wrong).verdict).to.equal('fail');
    expect(resultOf(ignored, otherUsers).verdict).to.equal('fail');
  });

  it("d: skips certificate and credentials where no certificate the harness holds is the credentials' user's", async () => {
    const users = [entry('tpp1', 'bob'), entry('CN=alice, O=Example', 'alice')];
    const results = await runOnly(set, toRunTargetSpec(mockTarget(['ca1'], users), set), [sameUser, wrong]);
    const same = resultOf(results, sameUser);
    expect(same.verdict).to.equal('skip');
    expect(same.reason).to.equal(
      "skipped: auth.users registers no certificate the harness can present to alice (the credentials' user, $CHOICE_USER) from a CA the target trusts (target trusts [ca1]); register one, e.g. { subject: tpp3, user: alice }",
    );
    // Wrong credentials are refused whatever the certificate; the basis says whose it is.
    const refused = resultOf(results, wrong);
    expect(refused.verdict).to.equal('pass', refused.reason);
    expect(refused.expectationBasis).to.include(
      "tpp1 (bob's) with a wrong secret for alice's credentials ($CHOICE_USER)",
    );
  });

  it('derives whose the credentials are from tpp1 registered by its SAN', async () => {
    const users = [entry('tpp1.demo.axway.com', 'carol'), entry('tpp3', 'bob')];
    const bearer = 'bearer: { tokenEnv: CHOICE_TOKEN }';
    const spec = toRunTargetSpec(mockTarget(['ca1'], users, bearer), set);
    expect(spec.declaration.auth?.credentialsUser).to.equal(undefined);
    const results = await runOnly(set, spec, [otherUsers, sameUser]);
    const other = resultOf(results, otherUsers);
    expect(other.verdict).to.equal('pass', other.reason);
    expect(other.expectationBasis).to.include(
      "tpp3 is registered to bob, the credentials are carol's (users: tpp1.demo.axway.com → carol)",
    );
    expect(resultOf(results, sameUser).verdict).to.equal('pass', resultOf(results, sameUser).reason);
  });

  it("chooses the credentials user's certificate from the declaration and the fixture set alone", () => {
    const declare = (
      mode: AuthMode,
      users: CertificateUser[],
      credentialsUser?: string,
    ): AuthDeclaration => ({
      mode,
      scheme: 'bearer',
      credentialSource: '$T',
      users,
      ...(credentialsUser === undefined ? {} : { credentialsUser: { user: credentialsUser, source: 'x' } }),
      fixtures: resolveAuthFixtures(users, set),
    });
    const alice = { subject: 'tpp1', user: 'alice' };
    const bob = { subject: 'tpp1', user: 'bob' };
    const partnerDn = { subject: 'CN=partner, O=Example', user: 'alice' };
    const cases: Array<[string, AuthDeclaration, string | null, string?]> = [
      [
        "tpp1 is alice's: the trusted identity",
        declare('force', [alice], 'alice'),
        'tpp1 is registered to alice',
      ],
      [
        "tpp1 is bob's, tpp3's SAN alice's",
        declare('force', [bob, { subject: 'tpp3.demo.axway.com', user: 'alice' }], 'alice'),
        'tpp3 is registered to alice (by its SAN tpp3.demo.axway.com)',
      ],
      [
        "alice's tpp2 (ca2) is refused by the TLS layer",
        declare('force', [bob, { subject: 'tpp2', user: 'alice' }], 'alice'),
        null,
      ],
      [
        'own identity registered by its label',
        declare('force', [{ subject: 'partner.p12', user: 'alice' }]),
        'partner.p12 is registered to alice',
        'partner.p12',
      ],
      [
        "own identity, alice's certificate no fixture",
        declare('exclusive', [bob, partnerDn], 'alice'),
        "partner.p12, the target's own identity, taken to be alice's",
        'partner.p12',
      ],
      ['whose the credentials are is not known', declare('force', []), null],
      [
        'default mode matches no certificate to a user',
        declare('default', []),
        'tpp1 (registered to no declared user) with the declared credentials',
      ],
    ];
    for (const [label, auth, whose, trustedIdentity] of cases) {
      const target = { auth, trusts: ['ca1'], ...(trustedIdentity ? { trustedIdentity } : {}) };
      const chosen = credentialsUserPresentation(target, 'certificate-and-credentials');
      if (whose === null) expect(chosen.presents, label).to.equal(null);
      else expect(chosen.presents === null ? chosen.why : chosen.whose, label).to.include(whose);
    }
  });
});
