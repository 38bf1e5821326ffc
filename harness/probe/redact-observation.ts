import { runSecrets } from '../common/run-secrets.ts';
import { SecretRegistry } from '../common/secret-registry.ts';
import type { Observation } from './observation.ts';

// Request headers whose values are credentials by definition (RFC 9110 §11.6.2, §11.7.2; RFC 6265).
const credentialHeaders = new Set(['authorization', 'proxy-authorization']);

/**
 * The secrets a probe must keep out of what it records: the run's (runSecrets), and the credentials it
 * sent itself in `headers` — so a probe made in code, with an Authorization header nobody registered,
 * still never records it when the server echoes it back.
 */
export function probeSecrets(headers: Readonly<Record<string, string>> | undefined): SecretRegistry {
  const own = new SecretRegistry(runSecrets);
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (credentialHeaders.has(lower)) own.addAuthorization(value, `${name} header`);
    if (lower === 'cookie') {
      for (const pair of value.split(';')) {
        const cookie = pair.slice(pair.indexOf('=') + 1).trim();
        if (cookie !== '') own.add(cookie, 'Cookie header');
      }
    }
  }
  return own;
}

/**
 * `observation` with every secret `secrets` knows taken out of every text it holds. The body is
 * redacted whole and the excerpt cut again from it, so a secret across the excerpt's end leaves no
 * piece behind; a body kept only up to the byte limit may end in the start of a secret, which goes too.
 */
export function redactObservation(
  observation: Observation,
  secrets: SecretRegistry = runSecrets,
): Observation {
  if (secrets.size === 0) return observation;
  const redacted = secrets.redactDeep(observation, (key, parent) =>
    key === 'bodyExcerpt' ? true : key === 'body' && parent.bodyTruncated === true,
  );
  const http = observation.http;
  if (http?.body === undefined || redacted.http?.body === undefined) return redacted;
  // The excerpt is the start of the body: cut from the redacted body, so the two cannot disagree.
  const excerpt =
    http.body.length > http.bodyExcerpt.length
      ? startOf(redacted.http.body, http.bodyExcerpt.length)
      : redacted.http.body;
  return { ...redacted, http: { ...redacted.http, bodyExcerpt: excerpt } };
}

/** The first `length` characters of a redacted text, or a little more to end a marker the cut split. */
function startOf(text: string, length: number): string {
  const cut = text.slice(0, length);
  const open = cut.lastIndexOf('[');
  const tail = cut.slice(open);
  const inMarker =
    open >= 0 && !tail.includes(']') && (tail.startsWith('[redacted') || '[redacted'.startsWith(tail));
  if (!inMarker || !text.startsWith('[redacted', open)) return cut;
  const close = text.indexOf(']', open);
  return close < 0 ? cut.slice(0, open) : text.slice(0, close + 1);
}
