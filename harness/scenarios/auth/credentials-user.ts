import { TRUSTED_FIXTURE } from '../trust-rules.ts';
import type { AuthDeclaration } from './auth-declaration.ts';
import type { CertificateUser } from './certificate-user.ts';

/** The user the auth-* scenarios' credentials belong to, and how that is known (shown in reports). */
export interface CredentialsUser {
  user: string;
  /** `auth.credentialsUser`, `$WM_USER` (the Basic user name), or `users: tpp1 → alice`. */
  source: string;
}

/**
 * Whose credentials are sent: as the declaration says (`auth.credentialsUser`, or the Basic user name
 * when it is a declared user), else the one user the trusted identity is registered to: its label, or
 * tpp1 by name, DN or SAN where `auth.fixtures` is resolved. Undefined when neither tells: the order of
 * `users` says nothing about it.
 */
export function credentialsUserOf(
  auth: AuthDeclaration,
  trustedIdentity?: string,
): CredentialsUser | undefined {
  if (auth.credentialsUser !== undefined) return auth.credentialsUser;
  const entries = trustedIdentityRegistrations(auth, trustedIdentity);
  const [entry] = entries;
  if (entry === undefined || entries.some((each) => each.user !== entry.user)) return undefined;
  return { user: entry.user, source: `users: ${entry.subject} → ${entry.user}` };
}

/** The `users` entries that register the trusted identity: its own by label, tpp1 as resolved. */
export function trustedIdentityRegistrations(
  auth: AuthDeclaration,
  trustedIdentity?: string,
): readonly CertificateUser[] {
  const label = trustedIdentity ?? TRUSTED_FIXTURE;
  const resolved =
    trustedIdentity === undefined ? auth.fixtures?.find((each) => each.name === label) : undefined;
  return resolved?.registrations ?? auth.users.filter((entry) => entry.subject === label);
}

/** Why whose the credentials are is not known, for skip reasons. */
export function unknownCredentialsUser(auth: AuthDeclaration, trustedIdentity?: string): string {
  const label = trustedIdentity ?? TRUSTED_FIXTURE;
  const owners = [...new Set(trustedIdentityRegistrations(auth, trustedIdentity).map((entry) => entry.user))];
  const registered =
    owners.length === 0
      ? `auth.users registers nothing to ${label}, the trusted identity`
      : `auth.users registers ${label}, the trusted identity, to ${owners.join(' and ')}`;
  return `whose the credentials are is not known (${registered})`;
}
