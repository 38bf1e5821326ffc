import { eitherWay, trustedRefusedCause, whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { keyTypeSkip } from './allow-list-rules.ts';
import { keyTypeRule } from './key-scenario-rules.ts';

// AWS ALB, Open Banking Brasil and most new PKIs issue ECDSA P-256 client certificates (RFC 8422).
export const ecClient: Scenario = {
  id: 'ec-client',
  suite: 'server',
  title: 'ECDSA P-256 client certificate from a trusted CA',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'ec-client', withChain: true },
  derivation: 'accepted if trusts includes ca1 and accepts.keyTypes includes ec (default: it does)',
  expect: (target, fixtures) => keyTypeRule(target, fixtures, 'ec-client', 'ec'),
  skipFor: keyTypeSkip,
  likelyCause: eitherWay(
    whenLetIn(
      'the target takes EC keys although accepts.keyTypes leaves ec out: declare what it really accepts',
    ),
    trustedRefusedCause,
  ),
};
