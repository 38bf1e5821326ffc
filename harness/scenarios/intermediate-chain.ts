import type { Scenario } from './scenario.ts';
import { eitherWay, whenLetIn } from './likely-causes.ts';
import { acceptedIfRootTrusted } from './trust-rules.ts';

export const intermediateChain: Scenario = {
  id: 'intermediate-chain',
  suite: 'server',
  title: 'Client certificate behind an intermediate CA, chain sent',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'intermediate-leaf', withChain: true },
  derivation: "accepted if trusts includes intermediate-leaf's root CA (ca1); else rejected",
  expect: (target, fixtures) => {
    const rule = acceptedIfRootTrusted(target, fixtures, 'intermediate-leaf');
    return { ...rule, because: `${rule.because}; the client sends the intermediate` };
  },
  likelyCause: eitherWay(
    whenLetIn("the endpoint trusts intermediate-leaf's root (ca1), which trusts does not declare"),
    ({ expected, observed }) =>
      expected === 'accepted' && observed.outcome === 'rejected'
        ? 'a client behind an intermediate CA is refused: ssl_verify_depth 0 (OpenSSL counts only the intermediates), or the root is missing from the trust store'
        : undefined,
  ),
};
