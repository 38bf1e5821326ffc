import type { Observation } from '../../probe/observation.ts';
import type { OAuthDeclaration } from '../../scenarios/oauth/oauth-declaration.ts';
import { isRecord } from './decode-jwt.ts';
import { fail, pass, undecided, type Judgement } from '../judgement.ts';
import { describeAnswer, readJsonBody } from './token-response.ts';

/**
 * The metadata must advertise what RFC 8705 lets a client discover: bound tokens (§3.3), the client's
 * auth method (RFC 8414 §2), and the token endpoint under test, either as `token_endpoint` or as the
 * `mtls_endpoint_aliases` entry a client doing mutual TLS uses in preference (§5).
 */
export function judgeMetadata(
  observation: Observation,
  oauth: OAuthDeclaration,
  tokenUrl: string,
): Judgement {
  if (observation.outcome === 'error') return undecided(`could not read the metadata: ${observation.reason}`);
  if (observation.http === undefined)
    return fail(`the metadata request was refused at the TLS layer: ${observation.reason}`);
  const metadata = readJsonBody(observation);
  if (observation.http.status !== 200 || !isRecord(metadata)) {
    return fail(
      `no metadata at ${observation.url}: ${describeAnswer(observation)}, not 200 with a JSON object (RFC 8414 §3.2); set oauth.metadataUrl`,
    );
  }
  if (typeof metadata.issuer !== 'string') {
    return fail(
      `the document at ${observation.url} is not authorization server metadata: it has no issuer (RFC 8414 §2); set oauth.metadataUrl`,
    );
  }
  const problems: string[] = [];
  const bound = metadata.tls_client_certificate_bound_access_tokens;
  if (bound !== true) {
    problems.push(
      `tls_client_certificate_bound_access_tokens is ${bound === undefined ? 'absent' : JSON.stringify(bound)}, not true (RFC 8705 §3.3)`,
    );
  }
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (!Array.isArray(methods) || !methods.includes(oauth.authMethod)) {
    problems.push(
      `token_endpoint_auth_methods_supported (${JSON.stringify(methods ?? null)}) does not list ${oauth.authMethod}`,
    );
  }
  const aliases = metadata.mtls_endpoint_aliases;
  if (aliases !== undefined && !isRecord(aliases))
    problems.push(`mtls_endpoint_aliases is not a JSON object (RFC 8705 §5)`);
  const aliasEntries = isRecord(aliases) ? Object.entries(aliases) : [];
  for (const [name, value] of aliasEntries) {
    if (typeof value !== 'string' || !value.startsWith('https://')) {
      problems.push(`mtls_endpoint_aliases.${name} is ${JSON.stringify(value)}, not an https URL`);
    }
  }
  const alias = isRecord(aliases) ? aliases.token_endpoint : undefined;
  const advertisedAs = sameEndpoint(tokenUrl, metadata.token_endpoint)
    ? 'token_endpoint'
    : sameEndpoint(tokenUrl, alias)
      ? 'mtls_endpoint_aliases.token_endpoint'
      : undefined;
  if (advertisedAs === undefined) {
    problems.push(
      `the token endpoint under test (${tokenUrl}) is neither token_endpoint (${shown(metadata.token_endpoint)}) nor mtls_endpoint_aliases.token_endpoint (${shown(alias)}), so a client that discovers endpoints will not use it (RFC 8705 §5)`,
    );
  }
  if (problems.length > 0) return fail(problems.join('; '));
  return pass(
    `tls_client_certificate_bound_access_tokens: true; ${oauth.authMethod} supported; the token endpoint is advertised as ${advertisedAs as string}`,
  );
}

// Scheme and host compare case-insensitively and a default port may be left out (RFC 3986 §6.2.2, §6.2.3).
function sameEndpoint(expected: string, advertised: unknown): boolean {
  if (typeof advertised !== 'string') return false;
  try {
    const a = new URL(expected);
    const b = new URL(advertised);
    return a.origin === b.origin && a.pathname.replace(/\/$/, '') === b.pathname.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'absent');
}
