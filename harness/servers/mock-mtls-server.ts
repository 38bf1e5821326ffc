import type { ClientKeyPolicy } from './certificate-policy-problems.ts';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { HarnessError } from '../common/harness-error.ts';
import type { ClientIdentity } from '../pki/client-identity.ts';
import { acceptTlsConnection, type ConnectionSettings } from './accept-tls-connection.ts';
import { buildSiteTable } from './build-site-table.ts';
import { clientAuthModes, type ClientAuthMode } from './client-auth-mode.ts';
import { ConnectionLog } from './connection-log.ts';
import { credentialModes, type CredentialMode, type CredentialUser } from './credential-mode.ts';
import { edgeFlaws, type EdgeFlaw } from './edge-flaw.ts';
import type { ConnectionRecord } from './connection-record.ts';
import { createRequestListener, type ConnectionContext } from './handle-http-request.ts';
import { backendProxyHandler } from './backend-proxy-route.ts';
import type { IdentityForwarding } from './forwarded-identity-headers.ts';
import { healthcheckRoute, type RouteHandler } from './http-routes.ts';
import { httpsUrl, isLoopbackHost, nonLoopbackWarning } from './loopback-host.ts';
import { prereadServername } from './preread-servername.ts';
import type { MockRevocation } from './check-revoked-chain.ts';
import type { MockMtlsServerSettings } from './mock-mtls-server-settings.ts';
import { refusalStages, type RefusalStage } from './refusal-stage.ts';
import { resolveConnectionSettings } from './resolve-connection-settings.ts';
import { serverMisconfigurations, type ServerMisconfiguration } from './server-misconfiguration.ts';
import { StartedMockMtlsServer } from './started-mock-mtls-server.ts';
import { tlsVersions, type TlsVersion } from './tls-version.ts';
import type { VirtualHost } from './virtual-host.ts';
import { routeRequest, siteForServername, type SiteTable } from './virtual-host-routing.ts';

/**
 * A configurable HTTPS server that asks clients for certificates, plays the server kinds the seeds
 * describe (Tomcat, nginx, webMethods, deliberately broken ones), and records what every client
 * presented and what it decided.
 *
 * ```ts
 * await using server = await new MockMtlsServer(fixtures.identity('server'))
 *   .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
 *   .withRefusal('http')
 *   .start();
 * // … point a client at server.url, then read server.connections
 * ```
 */
export class MockMtlsServer {
  readonly #settings: MockMtlsServerSettings;

  /** `identity`: the server's own certificate, key and intermediates (a fixture's `server`). */
  constructor(identity: ClientIdentity) {
    this.#settings = {
      identity,
      clientAuth: 'require',
      refusal: 'handshake',
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      host: '127.0.0.1',
      port: 0,
      routes: [healthcheckRoute],
      handshakeTimeoutMs: 10_000,
      maxBodyBytes: 1024 * 1024,
      onWarning: (message) => process.emitWarning(message, 'MockMtlsServerWarning'),
      serverNames: ['localhost'],
      virtualHosts: [],
    };
  }

  /** The CAs that client certificates must chain to, as a PEM bundle. Required unless client auth is `none`. */
  withTrust(pemBundle: string): this {
    this.#settings.trustPem = pemBundle;
    return this;
  }

  /**
   * Check every certificate of a client chain against its issuer's CRL, as nginx's `ssl_crl` does
   * (check-revoked-chain.ts): a listed one is refused (CERT_REVOKED), and every client when the CRLs
   * are expired. Default: no revocation check.
   */
  withRevocation(revocation: MockRevocation): this {
    this.#settings.revocation = revocation;
    return this;
  }

  /**
   * The CAs whose names the CertificateRequest lists as acceptable (RFC 5246 §7.4.4, RFC 8446
   * §4.2.4), separately from what is trusted: e.g. a server that asks only for a CA the client's
   * certificate is not from. `''` sends an empty list (any certificate may be sent). Default: the
   * trust bundle, as Node and nginx do.
   */
  withAcceptableCas(pemBundle: string): this {
    this.#settings.acceptableCasPem = pemBundle;
    return this;
  }

  /** `require` (default), `optional` or `none`; see ClientAuthMode. */
  withClientAuth(mode: ClientAuthMode): this {
    this.#settings.clientAuth = oneOf(mode, clientAuthModes, 'set the client authentication mode');
    return this;
  }

  /** Where a client is refused: `handshake` (default) or `http` (nginx style); see RefusalStage. */
  withRefusal(stage: RefusalStage): this {
    this.#settings.refusal = oneOf(stage, refusalStages, 'set the refusal stage');
    return this;
  }

  /**
   * Lets in only verified clients whose subject DN or a SAN is listed (see findAllowedSubject); the
   * others are refused with 403 (`http`) or by destroying the connection right after the handshake
   * (`handshake`). Default: any verified client.
   */
  withAllowedSubjects(patterns: readonly string[]): this {
    if (patterns.length === 0 || patterns.some((pattern) => pattern.trim() === '')) {
      throw new HarnessError(
        'Cannot set the allowed subjects. The list is empty or holds an empty pattern; give DNs (CN=…, O=…) or SAN values.',
      );
    }
    this.#settings.allowedSubjects = [...patterns];
    return this;
  }

  /**
   * Plays a webMethods Two-Way SSL security mode (see CredentialMode): requests need, besides or
   * instead of the certificate, HTTP credentials of one of `users` (Basic or Bearer), and a
   * certificate counts only when it is registered to a user. Sets the client authentication the mode
   * implies: `require` for `exclusive` (no certificate fails the handshake), `optional` for `force`
   * and `default` (one-way TLS is let through to be judged per request). Refusals are 401 (missing or
   * wrong credentials, with WWW-Authenticate) or 403 (certificate missing, unregistered, or another
   * user's). Default: no credential check.
   */
  withCredentialMode(mode: CredentialMode, options: { users: readonly CredentialUser[] }): this {
    oneOf(mode, credentialModes, 'set the credential mode');
    const nameless = options.users.find((user) => user.name.trim() === '');
    if (options.users.length === 0 || nameless) {
      throw new HarnessError(
        'Cannot set the credential mode. Give at least one user, each with a name: { name, password?, token?, certificateSubject? }.',
      );
    }
    this.#settings.credentials = { mode, users: options.users.map((user) => ({ ...user })) };
    this.#settings.clientAuth = mode === 'exclusive' ? 'require' : 'optional';
    return this;
  }

  /** The protocol range offered. Default: `TLSv1.2` to `TLSv1.3` (Node's default). */
  withTlsVersions(min: TlsVersion, max: TlsVersion): this {
    this.#settings.minVersion = oneOf(min, tlsVersions, 'set the minimum TLS version');
    this.#settings.maxVersion = oneOf(max, tlsVersions, 'set the maximum TLS version');
    return this;
  }

  /**
   * The client keys and signatures accepted (a target's `accepts:`); a verified client outside it is
   * refused as an unverified one (certificatePolicyProblems). Default: every modern key type, RSA from
   * 2048 bits, no SHA-1; CA:TRUE leaves and name-constraint violations are refused whatever the policy.
   */
  withKeyPolicy(policy: ClientKeyPolicy): this {
    this.#settings.keyPolicy = { ...policy };
    return this;
  }

  /** Makes the server deliberately broken, for self-tests; see ServerMisconfiguration. Default: none. */
  withMisconfiguration(misconfiguration: ServerMisconfiguration): this {
    this.#settings.misconfiguration = oneOf(
      misconfiguration,
      serverMisconfigurations,
      'set the misconfiguration',
    );
    return this;
  }

  /**
   * Serves another site on the same port, chosen by the client's SNI (read from its ClientHello before
   * the handshake, as nginx's ssl_preread does): an ordinary HTTPS site (`mtls: false`: no certificate
   * asked; `/` answers 200, any other path 404), or a second mTLS site trusting `trustPem`. The first
   * one added also gets clients whose SNI names no site, or who send none: the default server of a
   * port where a public site and an mTLS API share an address. A request whose Host names the mTLS site
   * on a connection set up for another site is answered 421 Misdirected Request (see withEdgeFlaw for
   * servers that do worse). Default: one site, no SNI routing.
   */
  withVirtualHost(name: string, options: { mtls: boolean; trustPem?: string }): this {
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) {
      throw new HarnessError(
        `Cannot add the virtual host ${JSON.stringify(name)}. It is not a host name (letters, digits, dots and dashes).`,
      );
    }
    if (options.mtls && options.trustPem === undefined) {
      throw new HarnessError(
        `Cannot add the virtual host ${name} with mtls: true. Give trustPem, the CAs its client certificates must chain to.`,
      );
    }
    const host: VirtualHost = {
      name,
      mtls: options.mtls,
      ...(options.mtls ? { trustPem: options.trustPem } : {}),
    };
    this.#settings.virtualHosts = [...this.#settings.virtualHosts, host];
    return this;
  }

  /** The names of the server's own (mTLS) site, when it serves virtual hosts. Default: `localhost`. */
  withServerName(...names: string[]): this {
    if (names.length === 0 || names.some((name) => name.trim() === '')) {
      throw new HarnessError('Cannot set the server names. Give at least one host name, e.g. localhost.');
    }
    this.#settings.serverNames = [...names];
    return this;
  }

  /**
   * Makes the virtual hosts or session resumption deliberately broken, for the self-tests of the
   * scenarios around the edge; see EdgeFlaw. Every flaw but `trusts-resumed-sessions` needs
   * withVirtualHost(). Default: none.
   */
  withEdgeFlaw(flaw: EdgeFlaw): this {
    this.#settings.edgeFlaw = oneOf(flaw, edgeFlaws, 'set the edge flaw');
    return this;
  }

  /**
   * The 48 bytes session tickets are protected with (each site derives its own from them). Give the same
   * bytes to a server started later and it resumes the sessions of this one, as nginx does across
   * restarts with one `ssl_session_ticket_key` file. Default: random at each start.
   */
  withSessionTicketKeys(keys: Buffer): this {
    if (keys.length !== 48) {
      throw new HarnessError(
        `Cannot set the session ticket keys. They are ${keys.length} bytes; Node takes 48.`,
      );
    }
    this.#settings.sessionTicketKeys = Buffer.from(keys);
    return this;
  }

  /** The address to listen on. Default: `127.0.0.1`; any other non-loopback address gets a warning. */
  withHost(host: string): this {
    if (host.trim() === '') throw new HarnessError("Cannot set the host. It is empty; use '127.0.0.1'.");
    this.#settings.host = host;
    return this;
  }

  /** The port to listen on. Default: 0, a free port chosen by the system (read it from the started server). */
  withPort(port: number): this {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new HarnessError(
        `Cannot set the port. ${port} is not an integer from 0 to 65535; use 0 for any free port.`,
      );
    }
    this.#settings.port = port;
    return this;
  }

  /**
   * Answers `method` (or `*`) on the exact `path` with `handler`, which gets the request, its parsed
   * body and the verified client chain. Later routes win, so `/healthcheck` can be replaced. Default
   * routes: `/healthcheck` → 200 `{"status":"ok"}`; any other path → 200 `{"status":"ok","path":…}`.
   */
  withRoute(method: string, path: string, handler: RouteHandler): this {
    if (!path.startsWith('/')) {
      throw new HarnessError(`Cannot add the route ${method} ${path}. The path must start with "/".`);
    }
    this.#settings.routes = [...this.#settings.routes, { method: method.toUpperCase(), path, handler }];
    return this;
  }

  /**
   * Makes the mock a gateway in front of an application: every path without a route of its own
   * (`/healthcheck` keeps its) goes on to `backendUrl` over plain HTTP, with the client's certificate
   * and verification result in the headers `forwarding` names (see forwardedIdentityHeaders). Default:
   * no backend, other paths answer 200 `{"status":"ok","path":…}`.
   */
  withBackend(backendUrl: string, forwarding: IdentityForwarding): this {
    let url: URL | undefined;
    try {
      url = new URL(backendUrl);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== 'http:') {
      throw new HarnessError(
        `Cannot proxy to ${JSON.stringify(backendUrl)}. Give the backend's http:// URL, e.g. http://127.0.0.1:8080.`,
      );
    }
    this.#settings.fallback = backendProxyHandler(url.href, forwarding);
    return this;
  }

  /** How long a client may take to complete the TLS handshake. Default: 10000 ms. */
  withHandshakeTimeout(milliseconds: number): this {
    if (!(milliseconds > 0)) {
      throw new HarnessError(`Cannot set the handshake timeout. ${milliseconds} ms is not positive.`);
    }
    this.#settings.handshakeTimeoutMs = milliseconds;
    return this;
  }

  /** Where warnings go (a non-loopback host). Default: process.emitWarning, printed on stderr. */
  withWarningListener(listener: (message: string) => void): this {
    this.#settings.onWarning = listener;
    return this;
  }

  /** Called with each connection's record as soon as its verdict is reached (`serve` prints them). Default: none. */
  withConnectionListener(listener: (record: ConnectionRecord) => void): this {
    this.#settings.onConnection = listener;
    return this;
  }

  /** Checks the settings (all problems at once), then listens. */
  async start(): Promise<StartedMockMtlsServer> {
    const settings = { ...this.#settings, routes: [...this.#settings.routes] };
    const sites = virtualHostsOf(settings);
    const connectionSettings = sites?.sites[0]?.connection ?? resolveConnectionSettings(singleSite(settings));
    const log = new ConnectionLog(settings.onConnection);
    const contexts = new WeakMap<object, ConnectionContext>();
    const sockets = new Set<Socket>();
    let stopping = false;
    const httpServer = createHttpServer(
      createRequestListener({
        routes: settings.routes,
        contextOf: (socket) => contexts.get(socket),
        maxBodyBytes: settings.maxBodyBytes,
        credentials: settings.credentials,
        fallback: settings.fallback,
        routeToSite: sites && routeToSite(sites),
      }),
    );
    const services = { log, httpServer, contexts, isStopping: () => stopping };
    const accept = (raw: Socket, chosen: ConnectionSettings): void => {
      const tlsSocket = acceptTlsConnection(raw, chosen, services);
      sockets.add(tlsSocket);
      tlsSocket.once('close', () => sockets.delete(tlsSocket));
    };
    const server = createNetServer((raw) => {
      sockets.add(raw);
      raw.once('close', () => sockets.delete(raw));
      if (sites === undefined) return accept(raw, connectionSettings);
      // The site is chosen before the handshake, so each has its own certificate request and tickets.
      void prereadServername(raw, settings.handshakeTimeoutMs).then((servername) =>
        accept(raw, siteForServername(sites, servername).connection),
      );
    });

    // Warned before listening, so that the warning is given even when listening fails.
    const warnings = isLoopbackHost(settings.host) ? [] : [nonLoopbackWarning(settings.host)];
    warnings.forEach((warning) => settings.onWarning(warning));
    await listen(server, settings.host, settings.port);
    const port = (server.address() as { port: number }).port;
    return new StartedMockMtlsServer({
      server,
      sockets,
      log,
      host: settings.host,
      port,
      url: httpsUrl(settings.host, port),
      warnings,
      markStopping: () => {
        stopping = true;
      },
    });
  }
}

/** The sites of a server given virtual hosts; undefined for one site, which then reads no SNI. */
function virtualHostsOf(settings: MockMtlsServerSettings): SiteTable | undefined {
  if (settings.virtualHosts.length === 0) {
    if (settings.edgeFlaw !== undefined && settings.edgeFlaw !== 'trusts-resumed-sessions') {
      throw new HarnessError(
        `Cannot start the mock mTLS server. withEdgeFlaw('${settings.edgeFlaw}') is about several sites on one port; add withVirtualHost() or remove it.`,
      );
    }
    return undefined;
  }
  return buildSiteTable(settings);
}

function singleSite(settings: MockMtlsServerSettings): MockMtlsServerSettings {
  return settings.sessionTicketKeys === undefined
    ? settings
    : { ...settings, ticketKeys: settings.sessionTicketKeys };
}

function routeToSite(
  sites: SiteTable,
): NonNullable<Parameters<typeof createRequestListener>[0]['routeToSite']> {
  return (record, host) => {
    const site = sites.sites.find((each) => each.name === record.virtualHost) ?? sites.fallbackSite;
    const routed = routeRequest(sites, { site, servernameSent: record.servername !== undefined }, host);
    if ('misdirected' in routed) return routed;
    return { site: routed.site.name, routes: routed.site.routes, fallback: routed.site.fallback };
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is in use'
          : error.code === 'EADDRNOTAVAIL'
            ? 'no interface has this address'
            : error.message;
      reject(
        new HarnessError(
          `Cannot start the mock mTLS server on ${host}:${port}: ${why} (${error.code ?? 'error'}). Choose another with withHost()/withPort(), or port 0 for any free port.`,
          { cause: error },
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

function oneOf<T extends string>(value: T, allowed: readonly T[], action: string): T {
  if (!allowed.includes(value)) {
    throw new HarnessError(`Cannot ${action}. '${String(value)}' is not one of: ${allowed.join(', ')}.`);
  }
  return value;
}
