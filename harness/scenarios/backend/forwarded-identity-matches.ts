import type { BackendScenario } from './backend-scenario.ts';
import { backendHeadersOf, withTrustedIdentity } from './backend-rules.ts';

/** The gateway tells the backend who the client is: exactly the certificate it presented, verified. */
export const forwardedIdentityMatches: BackendScenario = {
  id: 'forwarded-identity-matches',
  suite: 'server',
  title: "The backend receives the client's own certificate, verified",
  method: 'backend',
  backendCase: 'forwarded-identity',
  presents: { kind: 'trusted-identity' },
  derivation:
    "accepted: the backend receives exactly the trusted identity's certificate (compared by SHA-256) and the verified value",
  expect: (target, fixtures) =>
    withTrustedIdentity(target, fixtures, {
      expected: 'accepted',
      because: `the backend must receive its certificate, and nothing else, in ${backendHeadersOf(target)}`,
    }),
};
