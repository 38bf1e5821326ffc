/**
 * The echo contract: what a backend answers so that the harness learns which headers reached it. One
 * JSON object whose `headers` lists every request header line received, in order, as `[name, value]`
 * pairs (a repeated name is repeated). The recording backend answers with it; a backend of yours
 * answers with it on the path `backend.path` names (docs/backend-identity.md).
 *
 * `{ "headers": [["Host", "app:8080"], ["X-SSL-Client-Cert", "-----BEGIN%20CERTIFICATE-----%0A…"]] }`
 *
 * An object of names (`{ "headers": { "Name": "value" | ["v1", "v2"] } }`, httpbin's `/headers`) is
 * read too; it cannot show the order, and httpbin joins repeated lines with a comma.
 */
export interface BackendEcho {
  headers: [string, string][];
  /** The request id header's value, as the recording backend adds it. Informational. */
  requestId?: string | null;
}

/** Header lines as `[name, value]` pairs, from Node's flat `rawHeaders`. */
export function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  }
  return pairs;
}

/** The header lines of an echo body, or why the body is not one. Never throws. */
export function readBackendEcho(body: string): { headers: [string, string][] } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: 'the body is not JSON' };
  }
  const headers = (parsed as { headers?: unknown } | null)?.headers;
  if (Array.isArray(headers)) {
    const pairs = headers.filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'),
    );
    if (pairs.length !== headers.length)
      return { problem: 'an entry of "headers" is not a [name, value] pair' };
    return { headers: pairs };
  }
  if (typeof headers === 'object' && headers !== null) {
    const pairs: [string, string][] = [];
    for (const [name, value] of Object.entries(headers)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (!values.every((each) => typeof each === 'string')) {
        return { problem: `"headers"."${name}" is neither a string nor a list of strings` };
      }
      for (const each of values) pairs.push([name, each]);
    }
    return { headers: pairs };
  }
  return { problem: 'it has no "headers" list of [name, value] pairs' };
}
