/**
 * Why a target URL cannot be probed, or undefined when it can: `https://host[:port]/path` (an HTTP
 * request follows the handshake) or `tls://host:port` (the handshake alone).
 */
export function targetUrlProblem(url: string): string | undefined {
  let parsed: URL;
  // Without `scheme://`, WHATWG URL reads `127.0.0.1:8443` as scheme `127.0.0.1:`; say what was meant.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) {
    return `${JSON.stringify(url)} is not a URL; write https://host:port/path or tls://host:port`;
  }
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL; write https://host:port/path or tls://host:port`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'tls:') {
    const why = parsed.protocol === 'http:' ? ' (mutual TLS needs TLS)' : '';
    return `${JSON.stringify(url)} uses ${parsed.protocol}${why}; allowed schemes: https, tls`;
  }
  // Never echo the URL here: it holds the secret this message is about.
  if (parsed.username !== '' || parsed.password !== '') {
    return 'the URL carries a user name or password; remove them, since reports show the URL';
  }
  if (parsed.hostname === '')
    return `${JSON.stringify(url)} has no host; write ${parsed.protocol}//host:port`;
  if (parsed.protocol === 'tls:') {
    if (parsed.port === '') {
      return `${JSON.stringify(url)} has no port; tls:// has no default port, write tls://${parsed.hostname}:port`;
    }
    if (parsed.pathname !== '' && parsed.pathname !== '/') {
      return `${JSON.stringify(url)} has a path, but a tls:// target is only a handshake; remove ${parsed.pathname} or use https://`;
    }
  }
  return undefined;
}

// `127.0.0.1:8443`, `api.example.com`, `target-::1:9443`: says which endpoint, where no config names it.
export function defaultTargetName(url: string): string {
  try {
    const host = new URL(url).host.replace(/[[\]]/g, '');
    return /^[A-Za-z0-9]/.test(host) ? host : `target-${host}`;
  } catch {
    return 'target';
  }
}
