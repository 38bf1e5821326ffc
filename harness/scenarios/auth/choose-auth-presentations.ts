import type { AuthTarget } from './auth-declaration.ts';
import type { AuthPresentations } from './auth-presentation.ts';
import { credentialsUserPresentation } from './credentials-user-certificate.ts';
import { chooseOtherUserCertificate } from './other-user-certificate.ts';

/**
 * What each auth-* scenario presents on a target, from its declaration alone: the trusted identity
 * alone; nothing, with or without credentials; the credentials' user's certificate (also with the wrong
 * secret, so that only the secret can explain a refusal); another user's certificate. The last two read
 * `auth.users` resolved against the fixture set (withAuthFixtures) and take only a certificate the
 * target's TLS layer accepts: any other is refused before a credential counts, which tests nothing.
 */
export function chooseAuthPresentations(target: AuthTarget): AuthPresentations {
  const other = chooseOtherUserCertificate(target);
  return {
    'certificate-only': { presents: { kind: 'trusted-identity' }, whose: '' },
    'credentials-only': { presents: { kind: 'nothing' }, whose: '' },
    neither: { presents: { kind: 'nothing' }, whose: '' },
    'certificate-and-credentials': credentialsUserPresentation(target, 'certificate-and-credentials'),
    'wrong-credentials': credentialsUserPresentation(target, 'wrong-credentials'),
    'other-users-certificate':
      other.fixture === null
        ? { presents: null, why: other.why }
        : { presents: { kind: 'fixture', fixture: other.fixture, withChain: true }, whose: other.belongsTo },
  };
}

/** The target's choice: made once by withAuthFixtures, else (a declaration built in code) made now. */
export function authPresentationsOf(target: AuthTarget): AuthPresentations {
  return target.auth.presentations ?? chooseAuthPresentations(target);
}
