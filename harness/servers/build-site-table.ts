import { createHash, createHmac, randomBytes } from 'node:crypto';
import { HarnessError } from '../common/harness-error.ts';
import { fallbackHandler } from './http-routes.ts';
import type { MockMtlsServerSettings } from './mock-mtls-server-settings.ts';
import { resolveConnectionSettings } from './resolve-connection-settings.ts';
import { normalizeHostName, type VirtualHost } from './virtual-host.ts';
import { siteRoutes, type Site, type SiteTable } from './virtual-host-routing.ts';

/**
 * The sites of a mock that serves virtual hosts: its own mTLS site under `serverNames`, then each
 * withVirtualHost() site, the first of which also serves clients whose SNI names no site (as nginx's
 * first server block does). Every site has its own session id context and ticket keys, so a session
 * resumes only where it was made, unless the edge flaw `resumes-across-vhosts` shares them.
 */
export function buildSiteTable(settings: MockMtlsServerSettings): SiteTable {
  checkSiteNames(settings);
  const base = settings.sessionTicketKeys ?? randomBytes(48);
  const shared = settings.edgeFlaw === 'resumes-across-vhosts';
  const sessionSettings = (name: string) => ({
    sessionIdContext: shared ? 'one context for every site' : digest(`site ${name}`),
    // Node takes 48 bytes: a key name, an HMAC key and an AES key (tls.createSecureContext ticketKeys).
    ticketKeys: shared ? base : createHmac('sha384', base).update(name).digest(),
  });
  const own = settings.serverNames[0] ?? 'localhost';
  const ownSite: Site = {
    name: own,
    names: settings.serverNames.map(normalizeHostName),
    mtls: settings.clientAuth !== 'none',
    connection: resolveConnectionSettings({ ...settings, ...sessionSettings(own), virtualHost: own }),
    routes: settings.routes,
    fallback: settings.fallback ?? fallbackHandler,
  };
  const others = settings.virtualHosts.map((host): Site => ({
    name: host.name,
    names: [normalizeHostName(host.name)],
    mtls: host.mtls,
    connection: resolveConnectionSettings({ ...siteSettings(settings, host), ...sessionSettings(host.name) }),
    ...siteRoutes(host.name),
  }));
  return { sites: [ownSite, ...others], fallbackSite: others[0] ?? ownSite, flaw: settings.edgeFlaw };
}

/** Another site's settings: the server's identity, versions and refusal style, its own client auth. */
function siteSettings(
  settings: MockMtlsServerSettings,
  host: VirtualHost,
): MockMtlsServerSettings & { virtualHost: string } {
  return {
    ...settings,
    clientAuth: host.mtls ? 'require' : 'none',
    trustPem: host.mtls ? host.trustPem : undefined,
    acceptableCasPem: undefined,
    allowedSubjects: undefined,
    misconfiguration: undefined,
    credentials: undefined,
    virtualHost: host.name,
  };
}

function checkSiteNames(settings: MockMtlsServerSettings): void {
  const seen = new Set(settings.serverNames.map(normalizeHostName));
  for (const host of settings.virtualHosts) {
    const name = normalizeHostName(host.name);
    if (seen.has(name)) {
      throw new HarnessError(
        `Cannot start the mock mTLS server. The virtual host "${host.name}" is already a name of this server (${[...seen].join(', ')}); give each site its own name.`,
      );
    }
    seen.add(name);
  }
}

// OpenSSL's session id context is at most 32 bytes (SSL_MAX_SID_CTX_LENGTH).
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
