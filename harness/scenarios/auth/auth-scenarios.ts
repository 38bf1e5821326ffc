import type { AuthScenario } from './auth-scenario.ts';
import { authCertificateOnly } from './auth-certificate-only.ts';
import { authCredentialsOnly } from './auth-credentials-only.ts';
import { authCertificateAndCredentials } from './auth-certificate-and-credentials.ts';
import { authNeither } from './auth-neither.ts';
import { authWrongCredentials } from './auth-wrong-credentials.ts';
import { authOtherUsersCertificate, authOtherUsersCertificateFor } from './auth-other-users-certificate.ts';
import type { AuthDeclaration } from './auth-declaration.ts';
import { credentialsUserPresentation } from './credentials-user-certificate.ts';
import type { AuthTarget } from './other-user-certificate.ts';

/**
 * The authentication-mode set, in report order. It runs in the server suite of a target that declares
 * `auth:`, after the catalogue; targets without `auth:` never see it. Adding one: its file plus a line.
 */
export const authScenarios: readonly AuthScenario[] = Object.freeze([
  authCertificateOnly,
  authCredentialsOnly,
  authCertificateAndCredentials,
  authNeither,
  authWrongCredentials,
  authOtherUsersCertificate,
]);

/**
 * The set as run against one target, fitted to its declared `users` (resolved against the fixture set,
 * see withAuthFixtures): auth-certificate-and-credentials and auth-wrong-credentials present the
 * credentials' user's certificate, auth-other-users-certificate another user's. A config entry not
 * loaded yet, whose `auth` is only checked for scenario ids, gets authScenarios.
 */
export function authScenariosFor(target: {
  auth?: unknown;
  trustedIdentity?: unknown;
  trusts?: unknown;
}): readonly AuthScenario[] {
  const auth = target.auth;
  if (!isAuthDeclaration(auth)) return authScenarios;
  const trustedIdentity = typeof target.trustedIdentity === 'string' ? target.trustedIdentity : undefined;
  const trusts = Array.isArray(target.trusts)
    ? target.trusts.filter((each): each is string => typeof each === 'string')
    : [];
  const declared: AuthTarget = {
    auth,
    trusts,
    ...(trustedIdentity === undefined ? {} : { trustedIdentity }),
  };
  const fitted: readonly AuthScenario[] = [
    withCredentialsUserCertificate(authCertificateAndCredentials, declared, 'certificate-and-credentials'),
    withCredentialsUserCertificate(authWrongCredentials, declared, 'wrong-credentials'),
    authOtherUsersCertificateFor(declared),
  ];
  return authScenarios.map((each) => fitted.find((scenario) => scenario.id === each.id) ?? each);
}

function withCredentialsUserCertificate(
  scenario: AuthScenario,
  target: AuthTarget,
  sent: 'certificate-and-credentials' | 'wrong-credentials',
): AuthScenario {
  const chosen = credentialsUserPresentation(target, sent);
  return chosen.presents === null ? scenario : { ...scenario, presents: chosen.presents };
}

function isAuthDeclaration(value: unknown): value is AuthDeclaration {
  return (
    typeof value === 'object' &&
    value !== null &&
    'credentialSource' in value &&
    Array.isArray((value as { users?: unknown }).users)
  );
}
