import type { ClientScenario } from './client-scenario.ts';

/**
 * The CertificateRequest names only rogue-ca (its DN differs from ca1's and ca2's, which are the same).
 * RFC 5246 §7.4.6 and RFC 8446 §4.4.2.3 only say a client SHOULD send a certificate from a listed CA,
 * so clients differ: OpenSSL-based ones send the one they have, Java's key manager sends none.
 */
export const caHintMismatch: ClientScenario = {
  id: 'ca-hint-mismatch',
  suite: 'client',
  title: 'Server lists only a CA the client certificate is not from',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: {
    identity: 'server',
    acceptableCas: ['rogue-ca'],
    flaw: 'the CertificateRequest names only rogue-ca, not the CA of the client certificate',
  },
  derivation: 'informational: reports whether the client sends its certificate anyway or none',
  expect: () => ({
    expected: 'informational',
    because:
      'a client SHOULD send a certificate from a listed CA (RFC 5246 §7.4.6, RFC 8446 §4.4.2.3), so sending its own anyway or none are both allowed; the server trusts the declared CAs, so the report shows which this client does and what it costs',
  }),
};
