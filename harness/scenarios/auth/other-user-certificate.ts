import type { AuthDeclaration, AuthTarget } from './auth-declaration.ts';
import type { AuthFixture } from './auth-fixture.ts';
import {
  describeRegistration,
  fixturesInUsersOrder,
  ownersOf,
  passesTls,
  unresolvedFixtures,
  whyTlsRefuses,
} from './auth-fixtures.ts';
import { credentialsUserOf, unknownCredentialsUser, type CredentialsUser } from './credentials-user.ts';

/**
 * The fixture presented when `users` registers no fixture to another user: a second valid ca1 client.
 * It is then nobody's as far as the declaration tells, and the expectation says so.
 */
export const otherUserFixture = 'tpp3';

/** What auth-other-users-certificate presents on a target: a fixture and whose it is, or why none. */
export type OtherUserCertificate = { fixture: string; belongsTo: string } | { fixture: null; why: string };

/**
 * The certificate to present with the credentials: the first fixture `users` registers (by name, DN or
 * SAN, see withAuthFixtures) to users other than the credentials' (credentialsUserOf), else tpp3 when
 * `users` registers it to nobody, else none. Only a certificate the target's TLS layer accepts is
 * chosen: any other is refused before a credential counts, which says nothing about the mapping.
 */
export function chooseOtherUserCertificate(target: AuthTarget): OtherUserCertificate {
  const { auth, trusts } = target;
  const fixtures = auth.fixtures;
  if (fixtures === undefined) return { fixture: null, why: unresolvedFixtures };
  const credentials = credentialsUserOf(auth, target.trustedIdentity);
  const refused: string[] = [];
  if (credentials !== undefined) {
    for (const fixture of fixturesInUsersOrder(auth, fixtures)) {
      const entry = fixture.registrations.find((each) => each.user !== credentials.user);
      if (entry === undefined || ownersOf(fixture).includes(credentials.user)) continue;
      if (!passesTls(fixture, trusts)) {
        refused.push(`${entry.user}'s ${whyTlsRefuses(fixture)}`);
        continue;
      }
      return {
        fixture: fixture.name,
        belongsTo: `${fixture.name} is registered to ${entry.user}${describeRegistration(fixture, entry)}, the credentials are ${credentials.user}'s (${credentials.source})`,
      };
    }
  }
  const nobodys = fixtures.find((each) => each.name === otherUserFixture);
  if (nobodys !== undefined && nobodys.registrations.length === 0 && passesTls(nobodys, trusts)) {
    const whose =
      credentials === undefined ? "the credentials' user" : `${credentials.user} (${credentials.source})`;
    const passedOver =
      refused.length === 0
        ? ''
        : ` (passed over, as the TLS layer would refuse ${refused.length === 1 ? 'it' : 'them'} first: ${refused.join('; ')})`;
    return {
      fixture: otherUserFixture,
      belongsTo: `${otherUserFixture} is registered to no declared user (auth.users), so not to ${whose}${passedOver}`,
    };
  }
  return { fixture: null, why: noOtherUserCertificate(target, fixtures, credentials, refused, nobodys) };
}

function noOtherUserCertificate(
  target: AuthTarget,
  fixtures: readonly AuthFixture[],
  credentials: CredentialsUser | undefined,
  refused: readonly string[],
  nobodys: AuthFixture | undefined,
): string {
  const tpp3 =
    nobodys === undefined
      ? `the fixture set has no ${otherUserFixture}`
      : nobodys.registrations.length > 0
        ? `${otherUserFixture} is ${ownersOf(nobodys).join(' and ')}'s`
        : `${otherUserFixture}, nobody's, would be refused by the TLS layer (${whyTlsRefuses(nobodys)})`;
  if (credentials === undefined) {
    return `${unknownCredentialsUser(target.auth, target.trustedIdentity)} and ${tpp3}; set auth.credentialsUser to the user they belong to`;
  }
  const whose = `${credentials.user} (the credentials' user, ${credentials.source})`;
  const suggestion = `e.g. { subject: ${suggestFixture(target, fixtures, ['intermediate-leaf'])}, user: ${suggestUser(target.auth, credentials.user)} }`;
  if (refused.length > 0) {
    return `the certificate-to-user mapping could not be exercised: the only fixture certificates auth.users registers to a user other than ${whose} would be refused by the TLS layer before any credential counts (${refused.join('; ')}; target trusts [${target.trusts.join(', ')}]), and ${tpp3}; register a certificate of a CA the target trusts to another user, ${suggestion}`;
  }
  return `auth.users registers no fixture certificate to a user other than ${whose} and ${tpp3}; register one to another user, ${suggestion}`;
}

/**
 * A fixture registered to nobody that the target's TLS layer accepts, for the advice in a reason: the
 * first of `preferred` that is, else the first of the set, else the first preferred.
 */
export function suggestFixture(
  target: AuthTarget,
  fixtures: readonly AuthFixture[],
  preferred: readonly [string, ...string[]],
): string {
  const free = fixtures
    .filter((fixture) => fixture.registrations.length === 0 && passesTls(fixture, target.trusts))
    .map((fixture) => fixture.name);
  return preferred.find((name) => free.includes(name)) ?? free[0] ?? preferred[0];
}

function suggestUser(auth: AuthDeclaration, credentialsUser: string): string {
  const other = auth.users.find((entry) => entry.user !== credentialsUser)?.user;
  return other ?? (credentialsUser === 'bob' ? 'carol' : 'bob');
}
