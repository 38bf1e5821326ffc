import type { OAuthScenario } from './oauth-scenario.ts';

/** The token of token-with-registered-cert must be bound to the certificate it was requested with. */
export const tokenBoundToCert: OAuthScenario = {
  id: 'token-bound-to-cert',
  suite: 'oauth',
  title: 'Access token bound to the client certificate (cnf x5t#S256)',
  method: 'oauth',
  exchange: 'token-binding',
  presents: { kind: 'trusted-identity' },
  derivation:
    "cnf.x5t#S256 = base64url(SHA-256 of the client's DER certificate), from the JWT or introspection",
  expect: () => ({
    expected: 'accepted',
    because:
      "the token's cnf holds x5t#S256 = base64url(SHA-256 of the DER certificate) it was requested with (RFC 8705 §3.1; §3.2 through introspection)",
  }),
};
