import { authRule, describeAuthCase } from './auth-expectation.ts';
import { otherUserFixture, type AuthScenario } from './auth-scenario.ts';

/**
 * The certificate-to-user mapping: tpp3 (a valid ca1 client registered to another user) presented with
 * the declared user's credentials must not act as that user where the mode matches them.
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
