import type { ConnectionSettings } from './accept-tls-connection.ts';
import type { EdgeFlaw } from './edge-flaw.ts';
import type { MockResponse, Route, RouteHandler } from './http-routes.ts';
import { normalizeHostName } from './virtual-host.ts';

/** One site of a mock serving several on one port: its names, TLS settings and routes. */
export interface Site {
  /** The name reports use: the first of `names`. */
  name: string;
  names: readonly string[];
  mtls: boolean;
  connection: ConnectionSettings;
  routes: readonly Route[];
  fallback: RouteHandler;
}

/** The sites of one mock; `fallbackSite` serves clients whose SNI names none (nginx's default server). */
export interface SiteTable {
  sites: readonly Site[];
  fallbackSite: Site;
  flaw?: EdgeFlaw | undefined;
}

/** The site a ClientHello's SNI name selects: the one with that name, else the fallback site. */
export function siteForServername(table: SiteTable, servername: string | null | undefined): Site {
  return (servername && findSite(table, normalizeHostName(servername))) || table.fallbackSite;
}

/**
 * Which site answers a request: the one its Host names, unless that is an mTLS site other than the one
 * whose TLS settings the connection got, which a safe server answers 421 Misdirected Request (RFC 9110
 * §15.5.20; nginx does so when the SNI and Host sites differ and the Host's verifies clients). The
 * edge flaws let such requests through in the ways real gateways have.
 */
export function routeRequest(
  table: SiteTable,
  connection: { site: Site; servernameSent: boolean },
  host: string | undefined,
): { site: Site } | { misdirected: MockResponse } {
  const hostSite = (host !== undefined && findSite(table, normalizeHostName(host))) || table.fallbackSite;
  if (hostSite === connection.site || !hostSite.mtls) return { site: hostSite };
  const flaw = table.flaw;
  const letThrough =
    flaw === 'routes-by-host' ||
    (flaw === 'routes-by-host-without-sni' && !connection.servernameSent) ||
    (flaw === 'host-check-exact' && !hostSite.names.includes(host ?? ''));
  if (letThrough) return { site: hostSite };
  return {
    misdirected: {
      status: 421,
      headers: { server: 'nginx', 'content-type': 'text/html' },
      body: `<html>\r\n<head><title>421 Misdirected Request</title></head>\r\n<body>\r\n<center><h1>421 Misdirected Request</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    },
  };
}

function findSite(table: SiteTable, name: string): Site | undefined {
  return table.sites.find((site) => site.names.includes(name));
}

/** An ordinary site's answers: its home page, and 404 for any other path (the mTLS site's path too). */
export function siteRoutes(name: string): { routes: Route[]; fallback: RouteHandler } {
  return {
    routes: [{ method: '*', path: '/', handler: () => ({ status: 200, body: `${name}: home page\n` }) }],
    fallback: (request) => ({ status: 404, body: { status: 'not found', site: name, path: request.path } }),
  };
}
