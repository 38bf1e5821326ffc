import type { ClientScenario } from './client-scenario.ts';
import { refusalDerivation, refusalRule } from './refusal-rule.ts';

// RFC 8996 forbids TLS 1.0 and 1.1 on both sides. The mock lowers OpenSSL's security level to offer
// them at all (see ciphersForMinVersion); a client on OpenSSL 3 or Java 17 defaults refuses them.
const flaw = 'the server offers only TLS 1.0 and TLS 1.1, deprecated by RFC 8996';

export const refusesLegacyTls: ClientScenario = {
  id: 'refuses-legacy-tls',
  suite: 'client',
  title: 'Refuses a server that offers only TLS 1.0 and 1.1',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  server: {
    identity: 'server',
    tlsVersions: ['TLSv1', 'TLSv1.1'],
    admitAnyClient: true,
    flaw,
    refuses: 'protocol-version',
  },
  derivation: refusalDerivation,
  expect: () => refusalRule(flaw),
};
