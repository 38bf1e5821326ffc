import type { Scenario } from './scenario.ts';
import { tlsVersionRule, versionFailureCause } from './tls-version-rule.ts';

export const tls13: Scenario = {
  id: 'tls-1.3',
  suite: 'server',
  title: 'Trusted client over TLS 1.3',
  method: 'probe',
  presents: { kind: 'accepted-identity' },
  tlsVersions: ['TLSv1.3'],
  derivation:
    'accepted if tlsVersions includes TLSv1.3, presenting a client the target trusts (its own identity, tpp1, or tpp2 when only ca2 is trusted); else rejected, and a completed TLS 1.3 handshake fails',
  expect: (target, fixtures) => tlsVersionRule('TLSv1.3', target, fixtures),
  likelyCause: versionFailureCause('TLSv1.3'),
};
