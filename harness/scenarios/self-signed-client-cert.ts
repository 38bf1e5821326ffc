import type { Scenario } from './scenario.ts';
import { describeChain, describeTrust } from './trust-rules.ts';

export const selfSignedClientCert: Scenario = {
  id: 'self-signed-client-cert',
  suite: 'server',
  title: 'Self-signed client certificate',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'self-signed', withChain: true },
  derivation: 'rejected: it chains to no CA',
  expect: (target, fixtures) => ({
    expected: 'rejected',
    because: `${describeTrust(target)}; ${describeChain('self-signed', fixtures)} and chains to none of them`,
  }),
};
