import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { allowListSkip, nearMissRule } from './allow-list-rules.ts';

// ingress-nginx #8434/#11842: an allow-list written as an unanchored regex over $ssl_client_s_dn
// (`~CN=tpp1.demo.axway.com`) also matches CN=tpp1.demo.axway.com.evil.test, a name anyone can get
// from the same public CA.
export const allowListSuperstring: Scenario = {
  id: 'allow-list-superstring',
  suite: 'server',
  title: 'Allow-list: a client whose CN extends an allowed one (tpp1.demo.axway.com.evil.test)',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'tpp1-superstring', withChain: true },
  derivation: 'with allowedSubjects: rejected, the CN only starts like an allowed one; skipped without',
  expect: (target, fixtures) =>
    nearMissRule(target, fixtures, 'tpp1-superstring', 'its CN is tpp1.demo.axway.com.evil.test'),
  skipFor: allowListSkip,
  likelyCause: whenLetIn(
    'the allow-list matches a prefix or substring of the DN: anchor the pattern (nginx map: "~^CN=tpp1\\.demo\\.axway\\.com,…$") or compare whole DNs',
  ),
};
