/** Another site the mock serves on its port, chosen by SNI: an ordinary HTTPS site or a second mTLS one. */
export interface VirtualHost {
  /** Its host name, as clients send it in SNI and Host. */
  name: string;
  /** Whether it requires a client certificate itself, verified against `trustPem`. */
  mtls: boolean;
  /** The CAs its client certificates must chain to; required when `mtls`. */
  trustPem?: string | undefined;
}

/**
 * A Host header's name as sites are matched on it (RFC 9110 §4.2.3, §7.2): lower case, without the
 * port and without the trailing dot of a fully qualified name.
 */
export function normalizeHostName(host: string): string {
  const bracketed = /^\[[^\]]*\]/.exec(host)?.[0];
  const name = bracketed ?? host.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}
