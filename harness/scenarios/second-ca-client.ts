import type { Scenario } from './scenario.ts';
import { eitherWay, trustedRefusedCause, whenLetIn } from './likely-causes.ts';
import { acceptedIfRootTrusted } from './trust-rules.ts';

/**
 * The seed's "configure only CA1" case: tpp2 comes from ca2, whose subject DN equals ca1's, so a server
 * that matches issuers by name rather than by signature and key identifier wrongly lets it in.
 */
export const secondCaClient: Scenario = {
  id: 'second-ca-client',
  suite: 'server',
  title: 'Client certificate from the second CA (same subject DN as ca1)',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'tpp2', withChain: true },
  derivation: "accepted only if trusts includes tpp2's root CA (ca2); else rejected",
  expect: (target, fixtures) => acceptedIfRootTrusted(target, fixtures, 'tpp2'),
  likelyCause: eitherWay(
    whenLetIn(
      "the endpoint trusts ca2, which has ca1's name and another key: a bundle with both (trust/ca1+ca2.pem) where only ca1 is meant, or issuers matched by name rather than signature",
    ),
    trustedRefusedCause,
  ),
};
