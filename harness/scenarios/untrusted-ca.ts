import type { Scenario } from './scenario.ts';
import { whenLetIn } from './likely-causes.ts';
import { describeChain, describeTrust } from './trust-rules.ts';

export const untrustedCa: Scenario = {
  id: 'untrusted-ca',
  suite: 'server',
  title: 'Client certificate from an untrusted CA',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'rogue', withChain: true },
  derivation: 'rejected: rogue-ca is the fixture CA no endpoint trusts',
  expect: (target, fixtures) => ({
    expected: 'rejected',
    because: `${describeTrust(target)}; ${describeChain('rogue', fixtures)}, a CA no endpoint should trust`,
  }),
  likelyCause: whenLetIn(
    'the issuer is not checked: ssl_verify_client optional_no_ca, or a verify callback that accepts any certificate',
  ),
};
