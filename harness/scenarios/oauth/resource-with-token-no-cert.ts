import type { OAuthScenario } from './oauth-scenario.ts';

/**
 * The registered client's token replayed over a connection with no certificate at all: a resource that
 * compares `cnf` only with a certificate that is there serves a stolen token to anyone.
 */
export const resourceWithTokenNoCert: OAuthScenario = {
  id: 'resource-with-token-no-cert',
  suite: 'oauth',
  title: 'Protected resource with the bound token and no client certificate',
  method: 'oauth',
  exchange: 'resource-request',
  presents: { kind: 'nothing' },
  derivation: '401 invalid_token, or refused at the TLS layer; skipped when no resourceUrl is declared',
  expect: () => ({
    expected: 'rejected',
    because:
      'a certificate-bound token over a connection without the certificate it is bound to: 401 with error invalid_token (RFC 8705 §3, RFC 6750 §3.1), or a refusal at the TLS layer',
  }),
};
