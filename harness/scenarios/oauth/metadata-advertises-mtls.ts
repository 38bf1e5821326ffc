import type { OAuthScenario } from './oauth-scenario.ts';

/** What a client discovers before it asks for a token. */
export const metadataAdvertisesMtls: OAuthScenario = {
  id: 'metadata-advertises-mtls',
  suite: 'oauth',
  title: 'Authorization server metadata advertises mutual TLS',
  method: 'oauth',
  exchange: 'metadata',
  presents: { kind: 'trusted-identity' },
  derivation:
    'tls_client_certificate_bound_access_tokens: true, the auth method listed, the token endpoint or its mtls_endpoint_aliases entry',
  expect: (target) => ({
    expected: 'accepted',
    because: `the metadata (RFC 8414) says tls_client_certificate_bound_access_tokens: true (RFC 8705 §3.3), lists ${target.oauth?.authMethod ?? 'the auth method'} in token_endpoint_auth_methods_supported, and names the token endpoint under test as token_endpoint or in mtls_endpoint_aliases (RFC 8705 §5)`,
  }),
};
