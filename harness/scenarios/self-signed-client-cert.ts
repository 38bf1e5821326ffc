import type { Scenario } from './scenario.ts';
import { whenLetIn } from './likely-causes.ts';
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
  likelyCause: whenLetIn(
    'the issuer is not checked: ssl_verify_client optional_no_ca, or a verify callback that accepts self-signed certificates',
  ),
};
