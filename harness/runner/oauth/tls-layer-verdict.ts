import type { Observation } from '../../probe/observation.ts';

/**
 * What the TLS layer did with a connection, as far as the client saw it: `refused` (an alert or a reset
 * at or right after the handshake, or a TLS-terminating proxy's certificate error page: nginx's 400
 * pages, 495, 496), `let-through` (an answer from the application behind it, 401 and 403 included:
 * those are the application's), or `unknown` (no TLS answer to judge).
 */
export type TlsLayerVerdict = 'let-through' | 'refused' | 'unknown';

export function tlsLayerVerdict(observation: Observation): TlsLayerVerdict {
  if (observation.outcome === 'error') return 'unknown';
  const http = observation.http;
  if (http === undefined) return observation.outcome === 'rejected' ? 'refused' : 'unknown';
  if (observation.outcome === 'rejected' && http.status !== 401 && http.status !== 403) return 'refused';
  return 'let-through';
}
