import type { SecureContext } from 'node:tls';
import { createClientSecureContext, type ClientContextOptions } from './client-secure-context.ts';

/**
 * Contexts kept at once. A run needs one per (identity, server trust, TLS version range): about twenty
 * for the catalogue, a few more per distinct `serverCa`; past this the oldest is dropped, so memory
 * stays flat however many targets a run has.
 */
const maxContexts = 128;

const contexts = new Map<string, SecureContext>();
// The server trust each cached context was made with: contexts with the same trust complete a server's
// chain alike, so a chain read with one serves them all (server-chain-check.ts).
const trustScopes = new WeakMap<SecureContext, string>();

/** The trust a context completes server chains with ('' for Node's default roots); undefined if not cached here. */
export function trustScopeOf(context: SecureContext): string | undefined {
  return trustScopes.get(context);
}

/**
 * createClientSecureContext(), memoized by content. Building a context parses the key and the
 * certificates (OpenSSL's SSL_CTX set-up), which cost more CPU than the loopback handshake itself;
 * a context holds no per-connection state, so probes with the same settings can share one.
 *
 * Sharing never resumes a session: Node's client contexts disable OpenSSL's internal session cache
 * (SSL_SESS_CACHE_NO_INTERNAL) and a client resumes only when given a `session`, which probes never
 * pass, so every probe makes a full handshake and presents its certificate.
 */
export function clientSecureContext(options: ClientContextOptions): SecureContext {
  const key = JSON.stringify([
    options.identity?.certificatePem ?? null,
    options.identity?.chainPems ?? null,
    options.identity?.privateKeyPem ?? null,
    options.serverTrustPem ?? null,
    options.minVersion ?? null,
    options.maxVersion ?? null,
    options.sessionTickets ?? null,
  ]);
  const known = contexts.get(key);
  if (known) {
    // Refresh its place, so the contexts in use are the last to be dropped.
    contexts.delete(key);
    contexts.set(key, known);
    return known;
  }
  const created = createClientSecureContext(options);
  contexts.set(key, created);
  trustScopes.set(created, options.serverTrustPem ?? '');
  if (contexts.size > maxContexts) contexts.delete(contexts.keys().next().value!);
  return created;
}
