import { runSecrets } from '../../common/run-secrets.ts';
import type { Observation } from '../../probe/observation.ts';
import { redactObservation } from '../../probe/redact-observation.ts';

/**
 * Registers `token` with runSecrets, so no text kept from now on holds it (a resource server that
 * echoes the request, an introspection answer), and returns the observation of the token response with
 * it made unusable: a JWT keeps its header and claims (the `cnf` is the evidence) but loses its
 * signature; an opaque token keeps four characters. Reports are shared and archived by CI; a bearer
 * token in one could be replayed.
 */
export function redactAccessToken(observation: Observation, token: string): Observation {
  runSecrets.add(token, 'access token', { replacement: redactedForm(token) });
  return redactObservation(observation);
}

export function redactedForm(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) return `${parts[0]}.${parts[1]}.(signature redacted)`;
  return `${token.slice(0, 4)}…(redacted, ${token.length} characters)`;
}
