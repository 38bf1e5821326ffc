import type { AuthFixture } from './auth-fixture.ts';
import type { AuthPresentations } from './auth-presentation.ts';
import type { CertificateUser } from './certificate-user.ts';

/** webMethods' Two-Way SSL security modes (seed 003); see harness/servers/credential-mode.ts for each. */
export const authModes = ['exclusive', 'force', 'default'] as const;
export type AuthMode = (typeof authModes)[number];

/** How the credentials travel: HTTP Basic (RFC 7617) or a bearer token (RFC 6750). */
export type AuthScheme = 'basic' | 'bearer';

/**
 * What a target that takes HTTP credentials besides certificates is declared to be: the `auth:` block
 * of the config, without any secret (those stay in the environment until a probe sends them).
 */
export interface AuthDeclaration {
  mode: AuthMode;
  scheme: AuthScheme;
  /** Where the credentials come from, for reports: `$API_USER / $API_PASSWORD`. Variable names only. */
  credentialSource: string;
  /** Certificates registered to users, as declared. Default: none declared. */
  users: readonly CertificateUser[];
  /**
   * The user the credentials belong to, where the config tells it: `auth.credentialsUser`, else the
   * Basic user name when it is one of `users`. Default: derived from `users` (see credentialsUserOf).
   */
  credentialsUser?: { user: string; source: string };
  /**
   * The fixture client certificates with the `users` entries that register them (by name, DN or SAN,
   * as the mock matches), from withAuthFixtures; the certificate choice reads it. Default: not
   * resolved; auth-other-users-certificate and (but in default mode) auth-certificate-and-credentials
   * then have nothing to present and are skipped. The run command always resolves it.
   */
  fixtures?: readonly AuthFixture[];
  /**
   * What each auth-* scenario presents on this target, chosen once from `users`, `fixtures` and the
   * target's trust by withAuthFixtures (chooseAuthPresentations). Default: chosen when first read.
   */
  presentations?: AuthPresentations;
}

/** What the choice of a certificate for the auth-* scenarios reads of a target's declaration. */
export interface AuthTarget {
  auth: AuthDeclaration;
  /** The label of the target's own identity, when it has one; else the trusted identity is tpp1. */
  trustedIdentity?: string;
  trusts: readonly string[];
}

/** `force mode, basic credentials from $API_USER / $API_PASSWORD`: the declaration in one line. */
export function describeAuth(auth: AuthDeclaration): string {
  return `${auth.mode} mode, ${auth.scheme} credentials from ${auth.credentialSource}`;
}
