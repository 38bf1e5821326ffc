import type { Scenario } from './scenario.ts';

// RFC 8996 deprecates TLS 1.0 and 1.1: an endpoint must not negotiate them, even with a trusted client.
export const tlsLegacyVersions: Scenario = {
  id: 'tls-legacy-versions',
  suite: 'server',
  title: 'Trusted client over TLS 1.0 and TLS 1.1',
  method: 'tls-versions',
  presents: { kind: 'trusted-identity' },
  tlsVersions: ['TLSv1', 'TLSv1.1'],
  derivation: 'rejected on each version, whatever the target trusts (RFC 8996)',
  expect: () => ({
    expected: 'rejected',
    because: 'TLS 1.0 and 1.1 are deprecated (RFC 8996); the trusted client must be refused on both',
  }),
};
