import { TRUSTED_FIXTURE } from '../trust-rules.ts';
import type { AuthDeclaration } from './auth-declaration.ts';

/** The user the auth-* scenarios' credentials belong to, and how that is known (shown in reports). */
export interface CredentialsUser {
  user: string;
  /** `auth.credentialsUser`, `$WM_USER` (the Basic user name), or `users: tpp1 → alice`. */
  source: string;
}

/**
 * Whose credentials are sent: as the declaration says (`auth.credentialsUser`, or the Basic user name
 * when it is a declared user), else the user the trusted identity (its label, or tpp1) is registered to,
 * which is what auth-certificate-and-credentials assumes. Undefined when neither tells: the order of
 * `users` says nothing about it.
 */
export function credentialsUserOf(
  auth: AuthDeclaration,
  trustedIdentity: string = TRUSTED_FIXTURE,
): CredentialsUser | undefined {
  if (auth.credentialsUser !== undefined) return auth.credentialsUser;
  const entry = auth.users.find((candidate) => candidate.subject === trustedIdentity);
  return entry && { user: entry.user, source: `users: ${trustedIdentity} → ${entry.user}` };
}
