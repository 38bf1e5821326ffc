import type { Scenario } from './scenario.ts';
import { eitherWay, trustedRefusedCause, whenLetIn } from './likely-causes.ts';
import { trustedIdentityRule } from './trust-rules.ts';

/** The seed's `curl --cert tpp1.crt --key tpp1.key`: the client the endpoint exists for. */
export const trustedClient: Scenario = {
  id: 'trusted-client',
  suite: 'server',
  title: 'Client certificate from a trusted CA',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  derivation:
    "accepted if trusts includes tpp1's root CA (ca1) or the target names its own identity; else rejected",
  expect: trustedIdentityRule,
  likelyCause: eitherWay(
    whenLetIn(
      "the endpoint trusts tpp1's CA (ca1), which trusts does not declare: declare it, or take it out of the trust store",
    ),
    trustedRefusedCause,
  ),
};
