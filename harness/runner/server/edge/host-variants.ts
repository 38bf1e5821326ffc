import { hostWithPort } from './edge-target.ts';

/** A way of writing the mTLS site's name in a Host header that a router may or may not normalise. */
export interface HostVariant {
  label: string;
  host: string;
}

/**
 * The site's name as it is, with the trailing dot of a fully qualified name, in other letter case and
 * with an explicit port (RFC 9110 §7.2: all name the same site, and a server compares them so; the
 * Traefik advisories are routers that did not). A name without letters has no other case.
 */
export function hostVariants(name: string, port: number): HostVariant[] {
  const otherCase = [...name]
    .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
    .join('');
  return [
    { label: 'as is', host: name },
    { label: 'trailing dot', host: `${name}.` },
    ...(otherCase !== name ? [{ label: 'other case', host: otherCase }] : []),
    { label: 'explicit port', host: hostWithPort(name, port) },
  ];
}
