import type { Scenario } from './scenario.ts';
import { tlsVersionRule } from './tls-version-rule.ts';

export const tls13: Scenario = {
  id: 'tls-1.3',
  suite: 'server',
  title: 'Trusted client over TLS 1.3',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  tlsVersions: ['TLSv1.3'],
  derivation: 'accepted if tlsVersions includes TLSv1.3 and trusted-client is accepted; else rejected',
  expect: (target, fixtures) => tlsVersionRule('TLSv1.3', target, fixtures),
};
