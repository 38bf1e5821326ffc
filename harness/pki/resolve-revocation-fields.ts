import { describe, type Report } from './spec-checks.ts';

/** The identity fields of revocation, checked apart so the spec's other checks stay as they are. */
export const revocationKeys: readonly string[] = ['revoked', 'crlUrl', 'ocspUrl'];

/**
 * `revoked`, `crlUrl` and `ocspUrl` of one identity, as ResolvedIdentity carries them: absent when
 * not asked, so a spec without them keeps its cache key (hashFixtureSpec).
 */
export function resolveRevocationFields(
  entry: Record<string, unknown>,
  path: string,
  problem: Report,
): { revoked?: true; crlUrl?: string; ocspUrl?: string } {
  const revoked = entry['revoked'];
  if (revoked !== undefined && typeof revoked !== 'boolean') {
    problem(`${path}.revoked`, `must be true or false (${describe(revoked)})`);
  }
  const crlUrl = httpUrl(entry['crlUrl'], `${path}.crlUrl`, problem);
  const ocspUrl = httpUrl(entry['ocspUrl'], `${path}.ocspUrl`, problem);
  return {
    ...(revoked === true ? { revoked: true as const } : {}),
    ...(crlUrl !== undefined ? { crlUrl } : {}),
    ...(ocspUrl !== undefined ? { ocspUrl } : {}),
  };
}

// CRL and OCSP fetches are plain HTTP (RFC 5280 §4.2.1.13, RFC 6960 Appendix A.1): the answers are
// signed, and a verifier that would need TLS to reach them could loop on its own revocation check.
function httpUrl(value: unknown, path: string, problem: Report): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^http:\/\/[^/\s]+(\/\S*)?$/.test(value)) return value;
  problem(path, `must be an http:// URL such as http://127.0.0.1:8899/ (${describe(value)})`);
  return undefined;
}
