import type { AuthDeclaration } from './auth-declaration.ts';
import type { AuthScenario } from './auth-scenario.ts';
import { authCertificateOnly } from './auth-certificate-only.ts';
import { authCredentialsOnly } from './auth-credentials-only.ts';
import { authCertificateAndCredentials } from './auth-certificate-and-credentials.ts';
import { authNeither } from './auth-neither.ts';
import { authWrongCredentials } from './auth-wrong-credentials.ts';
import { authOtherUsersCertificate } from './auth-other-users-certificate.ts';
import { authPresentationsOf } from './choose-auth-presentations.ts';

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
 * The set as run against one target: each scenario presents what the target's choice gives its case
 * (authPresentationsOf, made once by withAuthFixtures), or carries the reason it has nothing to present
 * (`skipReason`, so it is planned as skipped). A config entry not loaded yet, whose `auth` is only
 * checked for scenario ids, gets authScenarios.
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
  const presentations = authPresentationsOf({
    auth,
    trusts,
    ...(trustedIdentity === undefined ? {} : { trustedIdentity }),
  });
  return authScenarios.map((scenario) => {
    const chosen = presentations[scenario.authCase];
    return chosen.presents === null
      ? { ...scenario, skipReason: chosen.why }
      : { ...scenario, presents: chosen.presents };
  });
}

function isAuthDeclaration(value: unknown): value is AuthDeclaration {
  return (
    typeof value === 'object' &&
    value !== null &&
    'credentialSource' in value &&
    Array.isArray((value as { users?: unknown }).users)
  );
}
