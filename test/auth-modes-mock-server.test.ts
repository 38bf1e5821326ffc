import { expect } from 'chai';
import { isHarnessError } from '../harness/common/harness-error.ts';
import type { ClientIdentity } from '../harness/pki/client-identity.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { basicAuthorization } from '../harness/servers/authorization-header.ts';
import type { CredentialMode, CredentialUser } from '../harness/servers/credential-mode.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';

const alicePassword = 'alice-secret-pw';
const bobToken = 'bob-secret-token';

type Client = 'tpp1' | 'tpp3' | 'none';
type Sent = 'alice' | 'alice-wrong' | 'bob-token' | 'none';
/** `accepted`, `handshake` (refused by TLS), or the HTTP status of the refusal. */
type Answer = 'accepted' | 'handshake' | 401 | 403;

// webMethods' three modes (seed 003), as the mock plays them; tpp1 is alice's certificate, tpp3 bob's.
const table: Array<{
  client: Client;
  sent: Sent;
  answers: Record<CredentialMode, Answer>;
  reasons: Partial<Record<CredentialMode, string>>;
}> = [
  {
    client: 'tpp1',
    sent: 'none',
    answers: { exclusive: 'accepted', force: 'accepted', default: 'accepted' },
    reasons: {
      force: 'force mode: certificate registered to alice',
      default: 'default mode: certificate registered to alice',
    },
  },
  {
    client: 'none',
    sent: 'alice',
    answers: { exclusive: 'handshake', force: 403, default: 'accepted' },
    reasons: {
      force: 'force mode: a client certificate is mandatory',
      default: 'default mode: credentials of alice; no certificate',
    },
  },
  {
    client: 'tpp1',
    sent: 'alice',
    answers: { exclusive: 'accepted', force: 'accepted', default: 'accepted' },
    reasons: { exclusive: 'exclusive mode: certificate registered to alice and matching credentials' },
  },
  {
    client: 'none',
    sent: 'none',
    answers: { exclusive: 'handshake', force: 403, default: 401 },
    reasons: { default: 'default mode: neither credentials nor a client certificate' },
  },
  {
    client: 'tpp1',
    sent: 'alice-wrong',
    answers: { exclusive: 401, force: 401, default: 401 },
    reasons: { exclusive: 'exclusive mode: basic credentials that match no user' },
  },
  {
    client: 'tpp3',
    sent: 'alice',
    answers: { exclusive: 403, force: 403, default: 'accepted' },
    reasons: {
      force: "force mode: the certificate is registered to bob but the credentials are alice's",
      default: 'default mode: credentials of alice; the certificate verified but not matched to the user',
    },
  },
  {
    client: 'none',
    sent: 'bob-token',
    answers: { exclusive: 'handshake', force: 403, default: 'accepted' },
    reasons: { default: 'default mode: credentials of bob; no certificate' },
  },
];

describe('MockMtlsServer.withCredentialMode: webMethods Two-Way SSL security modes', () => {
  let set: FixtureSet;
  let users: CredentialUser[];

  before(async () => {
    set = await testFixtures();
    users = [
      {
        name: 'alice',
        password: alicePassword,
        certificateSubject: set.identity('tpp1').certificate.subject,
      },
      // A SAN value works as in withAllowedSubjects.
      { name: 'bob', token: bobToken, certificateSubject: 'tpp3.demo.axway.com' },
    ];
  });

  const headers: Record<Sent, Record<string, string>> = {
    alice: { authorization: basicAuthorization('alice', alicePassword) },
    'alice-wrong': { authorization: basicAuthorization('alice', 'not-her-password') },
    'bob-token': { authorization: `Bearer ${bobToken}` },
    none: {},
  };

  for (const mode of ['exclusive', 'force', 'default'] as const) {
    describe(`${mode} mode`, () => {
      for (const row of table) {
        const expected = row.answers[mode];
        it(`${row.client === 'none' ? 'no certificate' : row.client} + ${row.sent === 'none' ? 'no credentials' : row.sent}: ${expected}`, async () => {
          await using server = await new MockMtlsServer(set.identity('server'))
            .withTrust(set.trustBundlePem(['ca1']))
            .withCredentialMode(mode, { users })
            .start();
          const identity: ClientIdentity | undefined =
            row.client === 'none' ? undefined : set.identity(row.client);
          const observed = await probeTarget({
            url: `${server.url}/healthcheck`,
            ...(identity ? { identity } : {}),
            headers: headers[row.sent],
          });
          if (expected === 'accepted') {
            expect(observed.outcome, observed.reason).to.equal('accepted');
            expect(observed.http?.status).to.equal(200);
          } else if (expected === 'handshake') {
            expect(observed.outcome, observed.reason).to.equal('rejected');
            expect(observed.stage).to.be.oneOf(['tls-handshake', 'after-handshake']);
          } else {
            expect(observed.http?.status, observed.reason).to.equal(expected);
            if (expected === 401)
              expect(observed.http?.headers['www-authenticate']).to.include('Basic realm=');
          }
          const records = await server.waitForConnections(1);
          const reason = row.reasons[mode];
          if (reason !== undefined) expect(records[0]?.requests[0]?.authentication).to.equal(reason);
          // The decision is recorded; the secrets and the header never are.
          const recorded = JSON.stringify(server.connections);
          for (const secret of [alicePassword, bobToken, headers.alice.authorization ?? '']) {
            expect(recorded).not.to.include(secret);
          }
        });
      }
    });
  }

  it('sets the client authentication each mode implies, and refuses a user list it cannot use', async () => {
    const without = (mode: CredentialMode) =>
      new MockMtlsServer(set.identity('server'))
        .withTrust(set.trustBundlePem(['ca1']))
        .withCredentialMode(mode, { users });
    await using exclusive = await without('exclusive').start();
    expect((await probeTarget({ url: exclusive.url })).stage).to.not.equal('http');
    await using force = await without('force').start();
    expect((await probeTarget({ url: force.url })).http?.status).to.equal(403);
    const error = (() => {
      try {
        new MockMtlsServer(set.identity('server')).withCredentialMode('force', { users: [] });
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(isHarnessError(error)).to.equal(true);
    expect((error as Error).message).to.equal(
      'Cannot set the credential mode. Give at least one user, each with a name: { name, password?, token?, certificateSubject? }.',
    );
  });
});
