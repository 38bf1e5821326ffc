import { describeOAuthClient } from './oauth-declaration.ts';
import type { OAuthScenario } from './oauth-scenario.ts';

/** The seed's `curl --request POST …/oauth2/token --data-urlencode client_id=tpp1 --cert tpp1.crt --key tpp1.key`. */
export const tokenWithRegisteredCert: OAuthScenario = {
  id: 'token-with-registered-cert',
  suite: 'oauth',
  title: 'Token request with the registered client certificate',
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'trusted-identity' },
  derivation: '200 with an access token: the certificate is the one registered for the client_id',
  expect: (target) => ({
    expected: 'accepted',
    because: `the certificate presented is the one registered for ${describeOAuthClient(target.oauth)}: a client_credentials request gets 200 with an access token (RFC 6749 §4.4, §5.1)`,
  }),
};
