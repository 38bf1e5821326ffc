/** What an `Authorization` header carries, parsed; the secret parts are only ever compared, never logged. */
export type PresentedCredentials =
  | { scheme: 'basic'; user: string; password: string }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'unsupported'; name: string };

/** Parses Basic (RFC 7617 §2: base64 of `user:password`) and Bearer (RFC 6750 §2.1); undefined when absent. */
export function parseAuthorizationHeader(header: string | undefined): PresentedCredentials | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { scheme: 'unsupported', name: 'Basic without user:password' };
    return { scheme: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (scheme.toLowerCase() === 'bearer') return { scheme: 'bearer', token: value };
  return { scheme: 'unsupported', name: scheme };
}

/** The header a client sends for Basic credentials. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
