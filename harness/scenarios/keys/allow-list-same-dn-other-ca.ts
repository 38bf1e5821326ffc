import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { allowListSkip, nearMissRule } from './allow-list-rules.ts';

// Keycloak #52801, RFC 8705 §7.4: tpp1's exact subject and SANs from ca2. A target that trusts ca2 too
// and allow-lists by DN alone takes it for tpp1; an entry must be bound to the issuing CA as well.
export const allowListSameDnOtherCa: Scenario = {
  id: 'allow-list-same-dn-other-ca',
  suite: 'server',
  title: "Allow-list: tpp1's exact subject from another CA (ca2)",
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'tpp1-from-ca2', withChain: true },
  derivation: "with allowedSubjects: rejected, the allowed DN is tpp1's from ca1, not ca2's; skipped without",
  expect: (target, fixtures) =>
    nearMissRule(target, fixtures, 'tpp1-from-ca2', "it has tpp1's DN but comes from ca2, not tpp1's CA"),
  skipFor: allowListSkip,
  likelyCause: whenLetIn(
    "the allow-list matches the DN without the issuing CA, and another trusted CA issued the same DN: bind each entry to the issuing CA's key (serve the partner's CA alone on that site; ca1 and ca2 even share their DN, so $ssl_client_i_dn does not tell them apart)",
  ),
};
