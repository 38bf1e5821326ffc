import { authRule, describeAuthCase } from './auth-expectation.ts';
import type { AuthScenario } from './auth-scenario.ts';
import { chooseOtherUserCertificate, otherUserFixture, type AuthTarget } from './other-user-certificate.ts';

/**
 * The certificate-to-user mapping: a valid certificate that is not the credentials' user's, presented
 * with those credentials, must not act as that user where the mode matches them. `presents` names tpp3,
 * the certificate of nobody declared; authOtherUsersCertificateFor picks the one a target's `users` give.
 */
export const authOtherUsersCertificate: AuthScenario = {
  id: 'auth-other-users-certificate',
  suite: 'server',
  title: "Another user's certificate with the declared user's credentials",
  method: 'auth',
  presents: { kind: 'fixture', fixture: otherUserFixture, withChain: true },
  credentials: 'declared',
  derivation: describeAuthCase('other-users-certificate'),
  expect: (target, fixtures) => authRule(target, fixtures, 'other-users-certificate', 'other-user'),
};

/** The scenario as run against `target`: presenting the other user's certificate its `users` give. */
export function authOtherUsersCertificateFor(target: AuthTarget): AuthScenario {
  const other = chooseOtherUserCertificate(target);
  if (other.fixture === null || other.fixture === otherUserFixture) return authOtherUsersCertificate;
  return {
    ...authOtherUsersCertificate,
    presents: { kind: 'fixture', fixture: other.fixture, withChain: true },
  };
}
