import type { OAuthScenario } from './oauth-scenario.ts';

/** The bound token over the connection of the certificate it is bound to: the normal use. */
export const resourceWithBoundToken: OAuthScenario = {
  id: 'resource-with-bound-token',
  suite: 'oauth',
  title: 'Protected resource with the bound token over the same certificate',
  method: 'oauth',
  exchange: 'resource-request',
  presents: { kind: 'trusted-identity' },
  derivation: 'accepted (2xx); skipped when no resourceUrl is declared',
  expect: () => ({
    expected: 'accepted',
    because: 'the token is presented over a connection with the certificate it is bound to (RFC 8705 §3)',
  }),
};
