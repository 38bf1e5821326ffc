import type { SecureVersion } from 'node:tls';
import type { Observation } from '../../../probe/observation.ts';
import type { TlsSession } from '../../../probe/tls-session.ts';
import type { TargetContext } from '../../target-context.ts';
import { classifyEdgeAnswer, type EdgeAnswer } from './edge-answer.ts';
import { edgeProbe, type EdgeProbeRequest } from './edge-probe.ts';
import { edgeReproduceCommand } from './edge-reproduce.ts';
import type { EdgeSteps } from './edge-steps.ts';
import { edgeTargetOf } from './edge-target.ts';

/** A handshake made to obtain a session: what it got, and the first session the server issued. */
export interface CapturedSession {
  observation: Observation;
  answer: EdgeAnswer;
  session: TlsSession | undefined;
  request: EdgeProbeRequest;
}

/** Makes a handshake (and its request) that keeps the sessions the server issues. */
export async function captureSession(
  context: TargetContext,
  request: EdgeProbeRequest,
): Promise<CapturedSession> {
  const kept = { ...request, keepSessions: true };
  const { observation, sessions } = await edgeProbe(context, kept);
  return { observation, answer: classifyEdgeAnswer(observation), session: sessions[0], request: kept };
}

/** `TLS 1.3 ticket`, `TLS 1.2 session id`: what kind of session a server issued. */
export function describeSessionKind(session: TlsSession): string {
  const version = session.facts.protocol.replace('TLSv', 'TLS ');
  return `${version} ${session.facts.ticket ? 'ticket' : session.facts.sessionId ? 'session id' : 'session'}`;
}

/** Where a session comes from, and whether its client is one the target let in on that handshake. */
export interface SessionOrigin {
  /** `made on public.example.test with no certificate`. */
  what: string;
  /** True only when the target itself verified and let in the client that made the session. */
  verifiedHere: boolean;
}

/**
 * Offers `captured.session` at the target's front door (its own SNI and Host) presenting nothing, and
 * judges the answer into `steps`: refused passes; let in fails, unless the server resumed a session
 * whose client it had verified itself (it still knows that client, RFC 8446 §2.2); a full handshake
 * without a certificate that gets in fails whatever the session.
 */
export async function resumeAndJudge(
  context: TargetContext,
  steps: EdgeSteps,
  attempt: { label: string; captured: CapturedSession & { session: TlsSession }; origin: SessionOrigin },
): Promise<void> {
  const target = edgeTargetOf(context);
  const { session } = attempt.captured;
  const request: EdgeProbeRequest = {
    servername: target.servername,
    version: session.facts.protocol as SecureVersion,
    resume: session,
  };
  const { observation } = await edgeProbe(context, request);
  const offered = observation.session?.offered;
  const label = `${attempt.label}, offered at ${target.servername === null ? 'no SNI' : `SNI ${target.servername}`} with no certificate (age ${offered?.ageMs ?? session.ageMs()} ms)`;
  const answer = classifyEdgeAnswer(observation);
  const resumed = offered?.resumed;
  const how =
    resumed === true
      ? 'refused after resuming'
      : resumed === false
        ? 'refused, not resumed'
        : 'refused in the handshake';
  if (answer.kind === 'undecided') {
    steps.fail(label, observation, `could not decide: ${answer.short}`);
  } else if (answer.kind === 'refused') {
    steps.pass(label, observation, `${how}: ${answer.short}`);
  } else if (resumed === true && attempt.origin.verifiedHere) {
    steps.pass(
      label,
      observation,
      `resumed a session whose own handshake the target verified: ${answer.short}`,
    );
  } else {
    const why =
      resumed === true
        ? `resumed a session ${attempt.origin.what} and let it in: ${answer.short}`
        : `a full handshake without a certificate got in: ${answer.short}`;
    const file = 'session.pem';
    const reproduce = [
      edgeReproduceCommand({ url: context.declaration.url, ...attempt.captured.request, sessionOut: file }),
      edgeReproduceCommand({ url: context.declaration.url, ...request, sessionIn: file }),
    ].join(' && ');
    steps.fail(label, observation, why, reproduce);
  }
}
