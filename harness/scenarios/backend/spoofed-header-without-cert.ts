import type { BackendScenario } from './backend-scenario.ts';
import { backendHeadersOf } from './backend-rules.ts';

/** ingress-nginx #8299, Traefik #5061: without a certificate, a client writes the headers itself. */
export const spoofedHeaderWithoutCert: BackendScenario = {
  id: 'spoofed-header-without-cert',
  suite: 'server',
  title: 'No certificate, forged identity headers',
  method: 'backend',
  backendCase: 'spoofed-without-cert',
  presents: { kind: 'nothing' },
  derivation:
    'rejected: the forged certificate and verify headers never reach the backend (or the request is refused)',
  expect: (target) => ({
    expected: target.backend === undefined ? 'informational' : 'rejected',
    because: `a client without a certificate sends ${backendHeadersOf(target)} claiming the trusted identity, verified; the backend must receive neither a certificate nor the verified value`,
  }),
};
