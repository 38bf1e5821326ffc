import type { BackendScenario } from './backend-scenario.ts';
import { withTrustedIdentity } from './backend-rules.ts';

/** Values a parser may choke on or read leniently: none may reach the backend, and it must still answer. */
export const headerGarbage: BackendScenario = {
  id: 'header-garbage',
  suite: 'server',
  title: 'Oversized, multi-line and non-certificate forged headers',
  method: 'backend',
  backendCase: 'header-garbage',
  presents: { kind: 'trusted-identity' },
  derivation:
    'rejected: an oversized, a folded, a non-certificate and an underscore-named forged header never reach the backend, which still answers',
  expect: (target, fixtures) =>
    withTrustedIdentity(target, fixtures, {
      expected: 'rejected',
      because:
        'forged headers with an oversized (7000 bytes), a folded multi-line (obs-fold), a non-certificate value and an underscore name (X_SSL_Client_Cert style) must not reach the backend, and a clean request after them must still get its answer',
    }),
};
