import type { Scenario } from './scenario.ts';
import { legacyVersionCause } from './tls-version-rule.ts';

// RFC 8996 deprecates TLS 1.0 and 1.1: an endpoint must not negotiate them, even with a trusted client.
// The client presented is one the target trusts, so that only the version can explain a refusal, and a
// completed handshake fails whatever the server answers after it: nginx trusting only ca2, asked by tpp1
// over TLS 1.0, negotiates TLS 1.0 and then answers HTTP 400 for the certificate.
export const tlsLegacyVersions: Scenario = {
  id: 'tls-legacy-versions',
  suite: 'server',
  title: 'Trusted client over TLS 1.0 and TLS 1.1',
  method: 'tls-versions',
  presents: { kind: 'accepted-identity' },
  tlsVersions: ['TLSv1', 'TLSv1.1'],
  derivation:
    'rejected in the handshake on each version, whatever the target trusts (RFC 8996); presents a client the target trusts, and a completed handshake fails whatever the HTTP answer',
  expect: () => ({
    expected: 'rejected',
    because:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996); the handshake must fail on both, even for a client the target trusts',
    refusedInHandshake: true,
  }),
  likelyCause: ({ observed }) =>
    observed.tls?.protocol !== undefined ? legacyVersionCause(observed.tls.protocol) : undefined,
};
