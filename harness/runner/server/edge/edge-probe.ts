import type { SecureVersion } from 'node:tls';
import type { Observation } from '../../../probe/observation.ts';
import { probeOf } from '../../probe-of.ts';
import type { TlsSession } from '../../../probe/tls-session.ts';
import type { PresentedIdentity } from '../../resolve-presentation.ts';
import type { TargetContext } from '../../target-context.ts';
import { classifyEdgeAnswer } from './edge-answer.ts';

/** One probe of an edge scenario: which SNI and Host it sends, what it presents and resumes. */
export interface EdgeProbeRequest {
  /** The SNI name; null sends none. */
  servername: string | null;
  /** The Host header; default the URL's. */
  host?: string;
  presented?: PresentedIdentity | undefined;
  version?: SecureVersion | undefined;
  resume?: TlsSession | undefined;
  /** Keep the sessions the server issues. Default false. */
  keepSessions?: boolean;
  /** `false` asks for no TLS 1.2 ticket, so a session id is issued instead. Default true. */
  sessionTickets?: boolean;
}

/**
 * The probe, with the target's server trust, timeouts and the run's signal; never throws for the server.
 * Its outcome says whether the request got past the edge (edge-answer.ts): a 421, or the other site's
 * 404, is `rejected` here, where the catalogue's probe calls any answer but a certificate refusal
 * `accepted`. So a baseline diff sees a door that opens as newly-accepted.
 */
export async function edgeProbe(
  context: TargetContext,
  request: EdgeProbeRequest,
): Promise<{ observation: Observation; sessions: TlsSession[] }> {
  const sessions: TlsSession[] = [];
  const observation = await probeOf(context)({
    url: context.declaration.url,
    ...(request.servername === null ? { sendServername: false } : { servername: request.servername }),
    ...(request.host === undefined ? {} : { headers: { Host: request.host } }),
    ...(request.presented ? { identity: request.presented.identity } : {}),
    ...(context.serverTrust ? { serverTrustPem: context.serverTrust.pem } : {}),
    ...(request.version ? { minVersion: request.version, maxVersion: request.version } : {}),
    ...(request.resume ? { resumeSession: request.resume } : {}),
    ...(request.keepSessions ? { onSession: (session: TlsSession) => sessions.push(session) } : {}),
    ...(request.sessionTickets === false ? { sessionTickets: false } : {}),
    // The CA names are the catalogue's to read; these probes vary SNI and sessions only.
    acceptableCaNames: 'skip',
    timeouts: context.timeouts,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return { observation: asEdgeObservation(observation), sessions };
}

function asEdgeObservation(observation: Observation): Observation {
  const answer = classifyEdgeAnswer(observation);
  if (answer.kind !== 'refused' || observation.outcome !== 'accepted') return observation;
  return {
    ...observation,
    outcome: 'rejected',
    stage: 'http',
    reason: `${observation.reason}: the request did not reach the mTLS site`,
  };
}
