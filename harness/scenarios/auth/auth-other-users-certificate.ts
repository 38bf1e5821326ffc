import { authScenario } from './auth-scenario.ts';
import { otherUserFixture } from './other-user-certificate.ts';

/**
 * The certificate-to-user mapping: a valid certificate that is not the credentials' user's, presented
 * with those credentials, must not act as that user where the mode matches them. `presents` names tpp3,
 * the certificate of nobody declared; a target's choice picks the one its `users` give
 * (chooseOtherUserCertificate).
 */
export const authOtherUsersCertificate = authScenario({
  id: 'auth-other-users-certificate',
  title: "Another user's certificate with the declared user's credentials",
  authCase: 'other-users-certificate',
  presents: { kind: 'fixture', fixture: otherUserFixture, withChain: true },
  credentials: 'declared',
});
