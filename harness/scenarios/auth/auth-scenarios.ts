import type { AuthScenario } from './auth-scenario.ts';
import { authCertificateOnly } from './auth-certificate-only.ts';
import { authCredentialsOnly } from './auth-credentials-only.ts';
import { authCertificateAndCredentials } from './auth-certificate-and-credentials.ts';
import { authNeither } from './auth-neither.ts';
import { authWrongCredentials } from './auth-wrong-credentials.ts';
import { authOtherUsersCertificate } from './auth-other-users-certificate.ts';

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
