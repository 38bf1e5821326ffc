import type { Observation } from '../../probe/observation.ts';

/**
 * The observation with the access token made unusable before it goes into a report: a JWT keeps its
 * header and claims (the `cnf` is the evidence) but loses its signature; an opaque token keeps four
 * characters. Reports are shared and archived by CI; a bearer token in one could be replayed.
 */
export function redactAccessToken(observation: Observation, token: string): Observation {
  const http = observation.http;
  if (http === undefined) return observation;
  const redacted = redactedForm(token);
  const redact = (text: string) => text.replaceAll(token, redacted);
  const body = http.body === undefined ? undefined : redact(http.body);
  // The excerpt is the body's start: cut again from the redacted body so no piece of the token is left.
  const bodyExcerpt = body === undefined ? redact(http.bodyExcerpt) : body.slice(0, http.bodyExcerpt.length);
  return { ...observation, http: { ...http, bodyExcerpt, ...(body === undefined ? {} : { body }) } };
}

export function redactedForm(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) return `${parts[0]}.${parts[1]}.(signature redacted)`;
  return `${token.slice(0, 4)}…(redacted, ${token.length} characters)`;
}
