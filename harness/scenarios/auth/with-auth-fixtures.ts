import type { AuthDeclaration } from './auth-declaration.ts';
import { resolveAuthFixtures, type AuthFixtureSource } from './auth-fixtures.ts';
import { chooseAuthPresentations } from './choose-auth-presentations.ts';

/**
 * The declaration with its `auth:` block fitted to the fixture set, once, before the run: `users`
 * resolved to the fixtures they register (resolveAuthFixtures), then what each auth-* scenario presents
 * chosen from them (chooseAuthPresentations). A declaration without `auth:` is returned as it is.
 */
export function withAuthFixtures<
  T extends { auth?: AuthDeclaration; trusts: readonly string[]; trustedIdentity?: string },
>(declaration: T, fixtures: AuthFixtureSource, now?: Date): T {
  const auth = declaration.auth;
  if (auth === undefined) return declaration;
  const resolved = { ...auth, fixtures: resolveAuthFixtures(auth.users, fixtures, now) };
  const { trusts, trustedIdentity } = declaration;
  const target = { auth: resolved, trusts, ...(trustedIdentity === undefined ? {} : { trustedIdentity }) };
  return { ...declaration, auth: { ...resolved, presentations: chooseAuthPresentations(target) } };
}
