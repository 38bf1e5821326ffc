import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { TargetProviderSpec } from '../targets/create-target-provider.ts';
import type { LocalTargetDeclaration } from '../targets/target-provider.ts';

/** A gateway of the cross-gateway table: a provider the harness starts, with the config that passes. */
export interface ReferenceGateway {
  /** Column key and target name: `nginx`, `apache`, … */
  id: string;
  /** Column title. */
  title: string;
  /** How the harness starts it, configured as docs/gateways.md shows (the provider's defaults). */
  spec(declaration: LocalTargetDeclaration): TargetProviderSpec;
  /** The configuration in one line, under the table. */
  configured: string;
}

/**
 * The gateways of docs/gateway-behaviour.md, in column order: each one the harness can start from the
 * fixtures, with the provider's defaults, which is the config that passes the whole server catalogue.
 */
export const referenceGateways: readonly ReferenceGateway[] = [
  {
    id: 'nginx',
    title: 'nginx',
    spec: (declaration) => ({ provider: 'nginx', declaration }),
    configured: '`ssl_verify_client on`, `ssl_verify_depth 1`',
  },
  {
    id: 'apache',
    title: 'Apache httpd',
    spec: (declaration) => ({ provider: 'apache', declaration }),
    configured: '`SSLVerifyClient require`, `SSLVerifyDepth 2`',
  },
  {
    id: 'haproxy',
    title: 'HAProxy',
    spec: (declaration) => ({ provider: 'haproxy', declaration }),
    configured: '`bind … ssl crt … ca-file … verify required`',
  },
  {
    id: 'java',
    title: 'Java (JSSE)',
    spec: (declaration) => ({ provider: 'java', declaration }),
    configured: '`com.sun.net.httpserver.HttpsServer`, JKS stores, `server.ssl.client-auth=need`',
  },
  {
    id: 'openssl',
    title: 'openssl s_server',
    spec: (declaration) => ({ provider: 'openssl', declaration }),
    configured: '`-Verify 2 -verify_return_error -www`',
  },
  {
    id: 'mock',
    title: 'Node mock',
    spec: (declaration) => ({ provider: 'mock', declaration }),
    configured: 'the built-in mock: `requestCert`, `rejectUnauthorized`, refusal at the handshake',
  },
];

/** What every gateway of the table is declared to be: trusting ca1, serving a chain from ca1. */
export function referenceDeclaration(gateway: ReferenceGateway): Omit<TargetDeclaration, 'url'> {
  return {
    name: gateway.id,
    trusts: ['ca1'],
    serverCa: 'ca1',
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  };
}
