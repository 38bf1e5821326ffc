import type { Scenario } from './scenario.ts';
import { tlsVersionRule } from './tls-version-rule.ts';

export const tls12: Scenario = {
  id: 'tls-1.2',
  suite: 'server',
  title: 'Trusted client over TLS 1.2',
  method: 'probe',
  presents: { kind: 'trusted-identity' },
  tlsVersions: ['TLSv1.2'],
  derivation: 'accepted if tlsVersions includes TLSv1.2 and trusted-client is accepted; else rejected',
  expect: (target, fixtures) => tlsVersionRule('TLSv1.2', target, fixtures),
};
