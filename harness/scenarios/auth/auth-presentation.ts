import type { ClientPresentation } from '../client-presentation.ts';

/** The cases of the auth set, each a column of the mode table (docs/auth-modes.md). */
export type AuthCase =
  | 'certificate-only'
  | 'credentials-only'
  | 'certificate-and-credentials'
  | 'neither'
  | 'wrong-credentials'
  | 'other-users-certificate';

/**
 * What the scenario of one auth case presents on a target: a certificate (or nothing) and whose it is,
 * for the expectation's basis (empty when nothing needs saying), or why the declaration gives none the
 * target's TLS layer would let through (the scenario is then skipped with that reason).
 */
export type AuthPresentation =
  { presents: ClientPresentation; whose: string } | { presents: null; why: string };

/** What every auth case presents on one target: the one choice the auth set reads (chooseAuthPresentations). */
export type AuthPresentations = Readonly<Record<AuthCase, AuthPresentation>>;
