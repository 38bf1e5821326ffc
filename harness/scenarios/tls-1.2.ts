import type { Scenario } from './scenario.ts';
import { tlsVersionRule, versionFailureCause } from './tls-version-rule.ts';

export const tls12: Scenario = {
  id: 'tls-1.2',
  suite: 'server',
  title: 'Trusted client over TLS 1.2',
  method: 'probe',
  presents: { kind: 'accepted-identity' },
  tlsVersions: ['TLSv1.2'],
  derivation:
    'accepted if tlsVersions includes TLSv1.2, presenting a client the target trusts (its own identity, tpp1, or tpp2 when only ca2 is trusted); else rejected, and a completed TLS 1.2 handshake fails',
  expect: (target, fixtures) => tlsVersionRule('TLSv1.2', target, fixtures),
  likelyCause: versionFailureCause('TLSv1.2'),
};
