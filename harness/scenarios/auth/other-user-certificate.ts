import { TRUSTED_FIXTURE } from '../trust-rules.ts';
import type { AuthDeclaration } from './auth-declaration.ts';
import { credentialsUserOf } from './credentials-user.ts';

/**
 * The fixture presented when `users` registers no fixture to another user: a second valid ca1 client.
 * It is then nobody's as far as the declaration tells, and the expectation says so.
 */
export const otherUserFixture = 'tpp3';

/** What auth-other-users-certificate presents on a target: a fixture and whose it is, or why none. */
export type OtherUserCertificate = { fixture: string; belongsTo: string } | { fixture: null; why: string };

// The harness holds keys for its fixtures only: a DN or a SAN of a real certificate cannot be presented.
const fixtureName = /^[A-Za-z0-9][\w.-]*$/;

/**
 * The certificate to present with the credentials: the first fixture `users` registers to a user other
 * than the credentials' (credentialsUserOf), else tpp3 when `users` does not register it (nobody's
 * certificate), else none: tpp3 may be the credentials' user's own, or whose they are is not known.
 */
export function chooseOtherUserCertificate(
  auth: AuthDeclaration,
  trustedIdentity?: string,
): OtherUserCertificate {
  const credentials = credentialsUserOf(auth, trustedIdentity);
  if (credentials !== undefined) {
    const own = new Set(
      auth.users.filter((entry) => entry.user === credentials.user).map((entry) => entry.subject),
    );
    const other = auth.users.find(
      (entry) =>
        entry.user !== credentials.user && !own.has(entry.subject) && fixtureName.test(entry.subject),
    );
    if (other !== undefined) {
      return {
        fixture: other.subject,
        belongsTo: `${other.subject} is registered to ${other.user}, the credentials are ${credentials.user}'s (${credentials.source})`,
      };
    }
  }
  const owner = auth.users.find((entry) => entry.subject === otherUserFixture)?.user;
  if (owner === undefined) {
    const whose =
      credentials === undefined ? "the credentials' user" : `${credentials.user} (${credentials.source})`;
    return {
      fixture: otherUserFixture,
      belongsTo: `${otherUserFixture} is registered to no declared user (auth.users), so not to ${whose}`,
    };
  }
  const trusted = trustedIdentity ?? TRUSTED_FIXTURE;
  return {
    fixture: null,
    why:
      credentials === undefined
        ? `whose the credentials are is not known (auth.users registers nothing to ${trusted}, the trusted identity) and ${otherUserFixture} is ${owner}'s; set auth.credentialsUser to the user they belong to`
        : `auth.users registers no fixture certificate to a user other than ${credentials.user} (the credentials' user, ${credentials.source}) and ${otherUserFixture} is ${owner}'s; register one to another user, e.g. { subject: intermediate-leaf, user: bob }`,
  };
}
