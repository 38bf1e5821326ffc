import { timingSafeEqual } from 'node:crypto';
import type { CertificateSummary } from '../pki/certificate-summary.ts';
import { parseAuthorizationHeader, type PresentedCredentials } from './authorization-header.ts';
import type { CredentialPolicy, CredentialUser } from './credential-mode.ts';
import type { MockResponse } from './http-routes.ts';
import { findAllowedSubject } from './subject-allow-list.ts';

/** The decision on one request's credentials. `reason` names users and modes, never a secret. */
export type CredentialDecision =
  | { allowed: true; user: string; reason: string }
  | { allowed: false; response: MockResponse; reason: string };

const challenge = { 'www-authenticate': 'Basic realm="mtls-conformance mock", Bearer' };

/**
 * Decides a request as webMethods' security modes do (see CredentialMode), from the verified client
 * certificate (the leaf, or undefined for one-way TLS) and the `Authorization` header. Pure.
 */
export function authenticateRequest(
  policy: CredentialPolicy,
  leaf: CertificateSummary | undefined,
  authorization: string | undefined,
): CredentialDecision {
  const presented = parseAuthorizationHeader(authorization);
  const certificateUser = leaf === undefined ? undefined : userOfCertificate(policy.users, leaf);
  let credentialUser: CredentialUser | undefined;
  if (presented !== undefined) {
    credentialUser = userOfCredentials(policy.users, presented);
    if (credentialUser === undefined) {
      const what =
        presented.scheme === 'unsupported'
          ? `an unsupported scheme (${presented.name})`
          : `${presented.scheme} credentials that match no user`;
      return refuse(401, `${policy.mode} mode: ${what}`);
    }
  }
  if (policy.mode === 'default') {
    if (credentialUser) {
      const certificate =
        leaf === undefined ? 'no certificate' : 'the certificate verified but not matched to the user';
      return {
        allowed: true,
        user: credentialUser.name,
        reason: `default mode: credentials of ${credentialUser.name}; ${certificate}`,
      };
    }
    if (leaf === undefined) return refuse(401, 'default mode: neither credentials nor a client certificate');
    return certificateUser
      ? {
          allowed: true,
          user: certificateUser.name,
          reason: `default mode: certificate registered to ${certificateUser.name}`,
        }
      : refuse(403, 'default mode: the client certificate is registered to no user');
  }
  if (leaf === undefined) return refuse(403, `${policy.mode} mode: a client certificate is mandatory`);
  if (!certificateUser)
    return refuse(403, `${policy.mode} mode: the client certificate is registered to no user`);
  if (credentialUser && credentialUser.name !== certificateUser.name) {
    return refuse(
      403,
      `${policy.mode} mode: the certificate is registered to ${certificateUser.name} but the credentials are ${credentialUser.name}'s`,
    );
  }
  const also = credentialUser ? ' and matching credentials' : '';
  return {
    allowed: true,
    user: certificateUser.name,
    reason: `${policy.mode} mode: certificate registered to ${certificateUser.name}${also}`,
  };
}

function userOfCertificate(
  users: readonly CredentialUser[],
  leaf: CertificateSummary,
): CredentialUser | undefined {
  return users.find(
    (user) =>
      user.certificateSubject !== undefined &&
      findAllowedSubject(leaf, [user.certificateSubject]) !== undefined,
  );
}

function userOfCredentials(
  users: readonly CredentialUser[],
  presented: PresentedCredentials,
): CredentialUser | undefined {
  if (presented.scheme === 'basic') {
    return users.find(
      (user) =>
        user.name === presented.user &&
        user.password !== undefined &&
        same(user.password, presented.password),
    );
  }
  if (presented.scheme === 'bearer')
    return users.find((user) => user.token !== undefined && same(user.token, presented.token));
  return undefined;
}

/** Constant-time comparison, as a real server should compare secrets. */
function same(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(status: 401 | 403, reason: string): CredentialDecision {
  return {
    allowed: false,
    reason,
    response: {
      status,
      ...(status === 401 ? { headers: challenge } : {}),
      body: { error: status === 401 ? 'unauthorized' : 'forbidden', message: reason },
    },
  };
}
