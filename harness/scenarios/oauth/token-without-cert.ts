import { describeOAuthClient } from './oauth-declaration.ts';
import type { OAuthScenario } from './oauth-scenario.ts';

/** The same token request with no certificate: nothing authenticates the client. */
export const tokenWithoutCert: OAuthScenario = {
  id: 'token-without-cert',
  suite: 'oauth',
  title: 'Token request without a client certificate',
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'nothing' },
  derivation: 'refused at the TLS layer, or 400/401 invalid_client',
  expect: (target) => ({
    expected: 'rejected',
    because: `no certificate authenticates ${describeOAuthClient(target.oauth)}: refused at the TLS layer, or with invalid_client (RFC 8705 §2, RFC 6749 §5.2)`,
  }),
};
