import type { ClientPresentation } from '../client-presentation.ts';
import { TRUSTED_FIXTURE } from '../trust-rules.ts';
import {
  describeRegistration,
  fixturesInUsersOrder,
  ownersOf,
  passesTls,
  unresolvedFixtures,
  whyTlsRefuses,
} from './auth-fixtures.ts';
import {
  credentialsUserOf,
  trustedIdentityRegistrations,
  unknownCredentialsUser,
} from './credentials-user.ts';
import { suggestFixture } from './other-user-certificate.ts';
import type { AuthTarget } from './auth-declaration.ts';
import type { AuthPresentation } from './auth-presentation.ts';

/**
 * The certificate auth-certificate-and-credentials presents with the credentials: one registered to the
 * credentials' user, with whose it is for the expectation's basis; or why there is none.
 */
export type CredentialsUserCertificate =
  | { presents: ClientPresentation; label: string; user: string; whose: string }
  | { presents: null; why: string };

/**
 * A certificate registered to the credentials' user (credentialsUserOf) that the target's TLS layer
 * accepts: the trusted identity when `users` registers it to that user alone, else the first fixture
 * `users` registers to that user alone, else the target's own identity when that user's entries name a
 * certificate that is no fixture (the only other certificate the harness holds a key for).
 */
export function chooseCredentialsUserCertificate(target: AuthTarget): CredentialsUserCertificate {
  const { auth, trustedIdentity, trusts } = target;
  const fixtures = auth.fixtures;
  if (fixtures === undefined) return { presents: null, why: unresolvedFixtures };
  const credentials = credentialsUserOf(auth, trustedIdentity);
  if (credentials === undefined) {
    return {
      presents: null,
      why: `${unknownCredentialsUser(auth, trustedIdentity)}; set auth.credentialsUser to the user they belong to`,
    };
  }
  const user = credentials.user;
  const theirs = `the credentials' user (${credentials.source})`;
  const label = trustedIdentity ?? TRUSTED_FIXTURE;
  const trustedEntries = trustedIdentityRegistrations(auth, trustedIdentity);
  const tpp1 = fixtures.find((fixture) => fixture.name === TRUSTED_FIXTURE);
  const [first] = trustedEntries;
  if (
    trustedIdentityPassesTls(target) &&
    first !== undefined &&
    trustedEntries.every((entry) => entry.user === user)
  ) {
    const how = tpp1 && trustedIdentity === undefined ? describeRegistration(tpp1, first) : '';
    return {
      presents: { kind: 'trusted-identity' },
      label,
      user,
      whose: `${label} is registered to ${user}${how}, ${theirs}`,
    };
  }
  const refused: string[] = [];
  for (const fixture of fixturesInUsersOrder(auth, fixtures)) {
    const [entry] = fixture.registrations;
    if (entry === undefined || ownersOf(fixture).some((owner) => owner !== user)) continue;
    if (!passesTls(fixture, trusts)) {
      refused.push(whyTlsRefuses(fixture));
      continue;
    }
    return {
      presents: { kind: 'fixture', fixture: fixture.name, withChain: true },
      label: fixture.name,
      user,
      whose: `${fixture.name} is registered to ${user}${describeRegistration(fixture, entry)}, ${theirs}`,
    };
  }
  const ownCertificate = auth.users.find(
    (entry) =>
      entry.user === user &&
      !fixtures.some((fixture) => fixture.registrations.some((each) => each.subject === entry.subject)),
  );
  if (trustedIdentity !== undefined && trustedEntries.length === 0 && ownCertificate !== undefined) {
    return {
      presents: { kind: 'trusted-identity' },
      label,
      user,
      whose: `${label}, the target's own identity, taken to be ${user}'s (auth.users registers ${ownCertificate.subject}, which is no fixture, to ${user}), ${theirs}`,
    };
  }
  const detail = refused.length === 0 ? '' : `: ${refused.join('; ')}`;
  const suggestion = suggestFixture(target, fixtures, [TRUSTED_FIXTURE, 'tpp3']);
  return {
    presents: null,
    why: `auth.users registers no certificate the harness can present to ${user} (the credentials' user, ${credentials.source}) from a CA the target trusts (target trusts [${target.trusts.join(', ')}])${detail}; register one, e.g. { subject: ${suggestion}, user: ${user} }`,
  };
}

/**
 * What an auth-* scenario that sends the credentials' user's own credentials presents, with whose
 * certificate and credentials they are (the expectation's basis), or why it is not judged:
 * - `certificate-and-credentials`: the credentials' user's certificate (chooseCredentialsUserCertificate);
 *   without one, in default mode (which does not match the certificate to the user) the trusted
 *   identity, else nothing to judge;
 * - `wrong-credentials`: the same certificate, so that only the wrong secret can explain a refusal;
 *   without one, the trusted identity, which the wrong secret must get refused too.
 */
export function credentialsUserPresentation(
  target: AuthTarget,
  sent: 'certificate-and-credentials' | 'wrong-credentials',
): AuthPresentation {
  const chosen = chooseCredentialsUserCertificate(target);
  const credentials = credentialsUserOf(target.auth, target.trustedIdentity);
  const whoseCredentials =
    credentials === undefined
      ? 'the declared credentials, whose user auth.users does not tell'
      : `${credentials.user}'s credentials (${credentials.source})`;
  if (chosen.presents !== null) {
    if (sent === 'certificate-and-credentials') return chosen;
    return {
      presents: chosen.presents,
      whose: `${chosen.label} (${chosen.user}'s) with a wrong secret for ${whoseCredentials}`,
    };
  }
  if (sent === 'certificate-and-credentials') {
    if (target.auth.mode !== 'default') return chosen;
    // Refused by the TLS layer, the trusted identity would say nothing about the credentials either.
    if (!trustedIdentityPassesTls(target)) return chosen;
  }
  const label = target.trustedIdentity ?? TRUSTED_FIXTURE;
  const owners = [
    ...new Set(trustedIdentityRegistrations(target.auth, target.trustedIdentity).map((entry) => entry.user)),
  ];
  const owner = owners.length === 0 ? 'registered to no declared user' : `${owners.join(' and ')}'s`;
  const secret = sent === 'wrong-credentials' ? 'a wrong secret for ' : '';
  return {
    presents: { kind: 'trusted-identity' },
    whose: `${label} (${owner}) with ${secret}${whoseCredentials}`,
  };
}

/** The target's own identity is declared accepted; tpp1 must chain to a CA the target trusts. */
function trustedIdentityPassesTls(target: AuthTarget): boolean {
  if (target.trustedIdentity !== undefined) return true;
  const tpp1 = target.auth.fixtures?.find((fixture) => fixture.name === TRUSTED_FIXTURE);
  return tpp1 === undefined ? target.auth.fixtures === undefined : passesTls(tpp1, target.trusts);
}
