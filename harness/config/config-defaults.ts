import type { DeclarableTlsVersion, ProviderKind, RejectAt, Suite, Timeouts } from './config-types.ts';

/**
 * Defaults loadConfig applies. They equal the schema's `default` keywords (a test checks), which is
 * what editors and docs/config-reference.md show. Provider blocks keep their defaults in the providers.
 */
export const configDefaults = {
  fixtures: './fixtures',
  reportDir: 'reports',
  concurrency: 8,
  timeouts: { connectMs: 5000, handshakeMs: 5000, responseMs: 10000 } satisfies Timeouts,
  provider: 'url' satisfies ProviderKind,
  suite: 'server' satisfies Suite,
  rejectAt: 'any' satisfies RejectAt,
  tlsVersions: ['TLSv1.2', 'TLSv1.3'] satisfies DeclarableTlsVersion[],
} as const;
