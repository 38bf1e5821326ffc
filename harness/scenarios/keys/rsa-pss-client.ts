import { eitherWay, trustedRefusedCause, whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { keyTypeSkip } from './allow-list-rules.ts';
import { keyTypeRule } from './key-scenario-rules.ts';

// An id-RSASSA-PSS key (RFC 4055) signs the handshake with rsa_pss_pss_* (RFC 8446 §4.2.3), which some
// stacks never offer: they fail such a client although its chain is fine.
export const rsaPssClient: Scenario = {
  id: 'rsa-pss-client',
  suite: 'server',
  title: 'RSASSA-PSS (id-RSASSA-PSS key) client certificate from a trusted CA',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'rsa-pss-client', withChain: true },
  derivation: 'accepted if trusts includes ca1 and accepts.keyTypes includes rsa-pss (default: it does)',
  expect: (target, fixtures) => keyTypeRule(target, fixtures, 'rsa-pss-client', 'rsa-pss'),
  skipFor: keyTypeSkip,
  likelyCause: eitherWay(
    whenLetIn('the target takes RSASSA-PSS keys although accepts.keyTypes leaves rsa-pss out'),
    trustedRefusedCause,
  ),
};
