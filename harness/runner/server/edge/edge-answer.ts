import type { Observation } from '../../../probe/observation.ts';

/**
 * Whether a request got past the edge: `refused` (a TLS refusal, 421 Misdirected Request, or any
 * other 4xx: the site answered as one that will not serve it, 404 included), `reached` (2xx, 3xx: the
 * resource answered; 5xx: the request was passed on to what stands behind the edge), or `undecided`
 * (no answer to judge). Under TLS 1.3 a refusal may come as a late alert (RFC 8446 §4.4.2): the probe
 * reads it as such.
 */
export type EdgeAnswer =
  | { kind: 'refused'; short: string }
  | { kind: 'reached'; short: string }
  | { kind: 'undecided'; short: string };

export function classifyEdgeAnswer(observation: Observation): EdgeAnswer {
  const status = observation.http?.status;
  if (status !== undefined) {
    const short = `HTTP ${status}${status === 421 ? ' Misdirected Request' : ''}`;
    return status >= 400 && status < 500 ? { kind: 'refused', short } : { kind: 'reached', short };
  }
  if (observation.outcome === 'error') return { kind: 'undecided', short: observation.reason };
  const short = observation.alert
    ? `TLS alert ${observation.alert.code} ${observation.alert.name}`
    : `${observation.outcome} at ${observation.stage}`;
  return observation.outcome === 'rejected' ? { kind: 'refused', short } : { kind: 'reached', short };
}
