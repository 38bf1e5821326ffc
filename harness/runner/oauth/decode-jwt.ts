/**
 * The claims of a JWS-compact JWT (RFC 7519 §7.2), or undefined for anything else: an opaque token, an
 * encrypted (five-part) JWT, or parts that are not base64url JSON. The signature is not checked: the
 * harness does not hold the authorization server's key, and the binding is what is judged.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload] = parts.map(decodePart);
  if (!isRecord(header) || typeof header.alg !== 'string' || !isRecord(payload)) return undefined;
  return payload;
}

/** The `x5t#S256` of a claims set's `cnf` (RFC 8705 §3.1), or undefined when there is none. */
export function boundThumbprint(claims: Record<string, unknown>): string | undefined {
  const cnf = claims.cnf;
  if (!isRecord(cnf)) return undefined;
  const thumbprint = cnf['x5t#S256'];
  return typeof thumbprint === 'string' ? thumbprint : undefined;
}

function decodePart(part: string | undefined): unknown {
  if (part === undefined || !/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
