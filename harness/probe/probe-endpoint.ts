import { isIP } from 'node:net';
import { HarnessError } from '../common/harness-error.ts';

/** Where a probe connects, taken apart from its URL. */
export interface ProbeEndpoint {
  /** `https`: send one HTTP/1.1 request; `tls`: handshake only, then wait for the server's verdict. */
  scheme: 'https' | 'tls';
  /** Host name or IP address, without IPv6 brackets. */
  host: string;
  port: number;
  /** Path and query of the request (`/` when the URL has none). */
  path: string;
  /** The value of the HTTP Host header: the host, bracketed if IPv6, with the port unless 443. */
  hostHeader: string;
}

const supportedSchemes = ['https:', 'tls:'];

/** Parses `https://host[:port]/path` or `tls://host:port`. Throws a HarnessError for anything else. */
export function parseProbeEndpoint(url: string): ProbeEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new HarnessError(
      `Cannot probe ${JSON.stringify(url)}. It is not a URL; give one like https://127.0.0.1:8443/healthcheck or tls://127.0.0.1:8443.`,
      { cause: error },
    );
  }
  if (!supportedSchemes.includes(parsed.protocol)) {
    throw new HarnessError(
      `Cannot probe ${url}. The scheme ${parsed.protocol.replace(/:$/, '')} is not supported; use https or tls.`,
    );
  }
  const scheme = parsed.protocol === 'https:' ? 'https' : 'tls';
  // WHATWG URL parsing only knows the default port of special schemes; tls: has none.
  if (scheme === 'tls' && parsed.port === '') {
    throw new HarnessError(
      `Cannot probe ${url}. A tls:// URL needs a port, e.g. tls://${parsed.hostname}:8443.`,
    );
  }
  if (parsed.hostname === '') {
    throw new HarnessError(`Cannot probe ${url}. The URL has no host.`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port === '' ? 443 : Number(parsed.port);
  const bracketed = isIP(host) === 6 ? `[${host}]` : host;
  return {
    scheme,
    host,
    port,
    path: `${parsed.pathname || '/'}${parsed.search}`,
    hostHeader: port === 443 ? bracketed : `${bracketed}:${port}`,
  };
}

/**
 * The SNI name to send: the given one, else the URL's host unless it is an IP address (RFC 6066 §3:
 * "Literal IPv4 and IPv6 addresses are not permitted in HostName").
 */
export function resolveServername(
  endpoint: ProbeEndpoint,
  servername: string | undefined,
): string | undefined {
  if (servername !== undefined) {
    if (isIP(servername) !== 0 || servername === '') {
      throw new HarnessError(
        `Cannot send servername ${JSON.stringify(servername)}. RFC 6066 §3 allows only a DNS host name in SNI; leave servername out to send none.`,
      );
    }
    return servername;
  }
  return isIP(endpoint.host) === 0 ? endpoint.host : undefined;
}
