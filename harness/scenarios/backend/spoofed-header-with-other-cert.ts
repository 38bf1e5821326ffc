import type { BackendScenario } from './backend-scenario.ts';
import { withTrustedIdentity } from './backend-rules.ts';

/** Envoy #6038 (XFCC appended to), append-mode gateways: a forged line next to the real one. */
export const spoofedHeaderWithOtherCert: BackendScenario = {
  id: 'spoofed-header-with-other-cert',
  suite: 'server',
  title: 'Trusted certificate plus forged headers naming another client',
  method: 'backend',
  backendCase: 'spoofed-with-other-cert',
  presents: { kind: 'trusted-identity' },
  derivation:
    'rejected: two forged certificate lines naming tpp3 never reach the backend; it receives the presented certificate alone',
  expect: (target, fixtures) =>
    withTrustedIdentity(target, fixtures, {
      expected: 'rejected',
      because:
        'two forged certificate lines naming another client (tpp3) must not reach the backend, which must receive the presented certificate alone',
    }),
};
