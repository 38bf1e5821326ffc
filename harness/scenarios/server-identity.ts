import type { Scenario } from './scenario.ts';

/**
 * The other half of mutual TLS: the server's chain. `accepted` here means "the server identity is
 * valid": the chain validates to `serverCa`, the leaf matches the host name and is within its validity.
 * Without a declared `serverCa` there is nothing to judge against, so the chain is only reported.
 */
export const serverIdentity: Scenario = {
  id: 'server-identity',
  suite: 'server',
  title: 'Server certificate chain, host name and validity',
  method: 'server-identity',
  // The trusted identity lets the handshake complete, so the chain is seen even on a strict endpoint.
  presents: { kind: 'trusted-identity' },
  derivation:
    'accepted (chain validates to serverCa, matches the host name, within validity) if serverCa is declared; else informational',
  expect: (target) =>
    target.serverCa === undefined
      ? {
          expected: 'informational',
          because: 'no serverCa is declared: the server chain is reported, not judged',
        }
      : {
          expected: 'accepted',
          because: `serverCa is ${target.serverCa}: the server chain must validate to it, match the host name and be within its validity`,
        },
};
