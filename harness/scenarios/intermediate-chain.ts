import type { Scenario } from './scenario.ts';
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
};
