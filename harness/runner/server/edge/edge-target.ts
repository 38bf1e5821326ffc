import { isIP } from 'node:net';
import type { TargetContext } from '../../target-context.ts';

/** How clients reach the target's own (mTLS) site: the names and port its front door uses. */
export interface EdgeTarget {
  /** The name the Host header carries: `servername` if the target gives one, else the URL's host. */
  name: string;
  /** The SNI its own probes send: `servername`, else the URL's host unless that is an address. */
  servername: string | null;
  /** The URL's port (443 when it names none). */
  port: number;
  /** Whether the URL names an address, so that every probe of the catalogue already sends no SNI. */
  urlIsAddress: boolean;
}

export function edgeTargetOf(context: TargetContext): EdgeTarget {
  const url = new URL(context.declaration.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const urlIsAddress = isIP(host) !== 0;
  return {
    name: context.servername ?? host,
    servername: context.servername ?? (urlIsAddress ? null : host),
    port: url.port === '' ? 443 : Number(url.port),
    urlIsAddress,
  };
}

/** A Host header value for `name` on `port`, bracketing an IPv6 address. */
export function hostWithPort(name: string, port: number): string {
  return `${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
}
