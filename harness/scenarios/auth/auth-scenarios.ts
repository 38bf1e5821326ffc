import type { AuthScenario } from './auth-scenario.ts';
import { authCertificateOnly } from './auth-certificate-only.ts';
import { authCredentialsOnly } from './auth-credentials-only.ts';
import { authCertificateAndCredentials } from './auth-certificate-and-credentials.ts';
import { authNeither } from './auth-neither.ts';
import { authWrongCredentials } from './auth-wrong-credentials.ts';
import { authOtherUsersCertificate, authOtherUsersCertificateFor } from './auth-other-users-certificate.ts';
import type { AuthDeclaration } from './auth-declaration.ts';

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
 * The set as run against one target: auth-other-users-certificate presents the certificate its
 * declared `users` register to another user. A config entry not loaded yet, whose `auth` is only
 * checked for scenario ids, gets authScenarios.
 */
export function authScenariosFor(target: {
  auth?: unknown;
  trustedIdentity?: unknown;
}): readonly AuthScenario[] {
  const auth = target.auth;
  if (!isAuthDeclaration(auth)) return authScenarios;
  const trustedIdentity = typeof target.trustedIdentity === 'string' ? target.trustedIdentity : undefined;
  const scenario = authOtherUsersCertificateFor({
    auth,
    ...(trustedIdentity === undefined ? {} : { trustedIdentity }),
  });
  return authScenarios.map((each) => (each.id === scenario.id ? scenario : each));
}

function isAuthDeclaration(value: unknown): value is AuthDeclaration {
  return (
    typeof value === 'object' &&
    value !== null &&
    'credentialSource' in value &&
    Array.isArray((value as { users?: unknown }).users)
  );
}
