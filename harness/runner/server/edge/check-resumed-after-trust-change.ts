import type { SecureVersion } from 'node:tls';
import type { TargetContext } from '../../target-context.ts';
import type { RecordedSession, SessionOwner } from '../../session-journal.ts';
import { resolvePresentation, type PresentedIdentity } from '../../resolve-presentation.ts';
import { classifyEdgeAnswer } from './edge-answer.ts';
import { edgeProbe } from './edge-probe.ts';
import { EdgeSteps, skippedEdge, type EdgeOutcome } from './edge-steps.ts';
import { edgeTargetOf } from './edge-target.ts';
import { captureSession, describeSessionKind, resumeAndJudge } from './resumption-attempt.ts';

// The clients whose sessions are kept for the next run: one per fixture CA a trust change may drop.
const recordedFixtures = ['tpp1', 'tpp2'];

/**
 * First the sessions the baseline run recorded: each client is tried again on a full handshake, and
 * where the target now refuses it (its CA left the trust store), its old session, offered with no
 * certificate, must be refused too. Then this run's sessions are recorded for the next one: those of
 * the clients the target lets in, per declared TLS version.
 */
export async function checkResumedAfterTrustChange(context: TargetContext): Promise<EdgeOutcome> {
  const journal = context.sessions;
  if (journal === undefined) {
    return skippedEdge(
      'no session journal: only `mtls-conformance run` keeps sessions from one run to the next',
    );
  }
  const steps = new EdgeSteps();
  for (const recorded of journal.previous ?? []) await tryRecordedSession(context, steps, recorded);
  const kept = await recordSessions(context, steps);
  const recording =
    kept.length > 0
      ? `recorded ${kept.join(', ')} in ${journal.destination} for the next run with --baseline`
      : 'no session offered to record for the next run';
  if (journal.previous === undefined || journal.previous.length === 0) {
    const outcome = steps.outcome({ passed: '', skipped: '' });
    return {
      ...outcome,
      judgement: {
        verdict: 'skip',
        reason: `nothing to compare with: ${journal.previousNote}; ${recording}`,
      },
    };
  }
  const outcome = steps.outcome({
    passed: 'no session outlived a trust change',
    skipped: 'no recorded client is refused now, so there was no trust change to test',
  });
  return {
    ...outcome,
    judgement: { ...outcome.judgement, reason: `${outcome.judgement.reason}; ${recording}` },
  };
}

async function tryRecordedSession(
  context: TargetContext,
  steps: EdgeSteps,
  recorded: RecordedSession,
): Promise<void> {
  const target = edgeTargetOf(context);
  const { session } = recorded;
  const label = `${recorded.label}, recorded ${recorded.recordedAt}`;
  const presented = presentationOf(recorded.owner, context);
  if (presented === undefined) {
    steps.skip(label, null, `this run cannot present ${describeOwner(recorded.owner)} again to compare`);
    return;
  }
  const hint = session.facts.ticket?.lifetimeHintSeconds;
  if (hint !== undefined && hint > 0 && session.ageMs() / 1000 > hint) {
    steps.skip(
      label,
      null,
      `the ticket is ${Math.round(session.ageMs() / 1000)} s old, past the ${hint} s its server gave it: a client no longer offers it (run the baseline closer to the change)`,
    );
    return;
  }
  const version = session.facts.protocol as SecureVersion;
  const fresh = await edgeProbe(context, { servername: target.servername, presented, version });
  const now = classifyEdgeAnswer(fresh.observation);
  if (now.kind === 'undecided') {
    steps.fail(
      label,
      fresh.observation,
      `could not decide whether the target still lets ${recorded.label} in: ${now.short}`,
    );
    return;
  }
  if (now.kind === 'reached') {
    steps.skip(
      label,
      fresh.observation,
      `still let in on a full handshake (${now.short}): the trust did not change for it`,
    );
    return;
  }
  await resumeAndJudge(context, steps, {
    label: `${describeSessionKind(session)} of ${recorded.label}, recorded ${recorded.recordedAt} (${recorded.answer} then, ${now.short} now on a full handshake)`,
    captured: {
      observation: fresh.observation,
      answer: now,
      session,
      request: { servername: target.servername, presented, version },
    },
    origin: {
      what: `recorded before the trust change, whose client is now refused (${now.short})`,
      verifiedHere: false,
    },
  });
}

async function recordSessions(context: TargetContext, steps: EdgeSteps): Promise<string[]> {
  const target = edgeTargetOf(context);
  const kept: string[] = [];
  for (const owner of ownersToRecord(context)) {
    const presented = presentationOf(owner, context);
    if (presented === undefined) continue;
    for (const version of context.declaration.tlsVersions) {
      const captured = await captureSession(context, {
        servername: target.servername,
        presented,
        version: version,
      });
      const label = `${describeOwner(owner)} over ${version}`;
      if (captured.answer.kind !== 'reached' || captured.session === undefined) {
        steps.note(
          `record ${label}`,
          captured.observation,
          captured.answer.kind !== 'reached'
            ? `not recorded: refused (${captured.answer.short})`
            : 'not recorded: no session offered',
        );
        continue;
      }
      context.sessions?.record({
        owner,
        label,
        recordedAt: new Date().toISOString(),
        answer: captured.answer.short,
        session: captured.session,
      });
      steps.note(
        `record ${label}`,
        captured.observation,
        `recorded its ${describeSessionKind(captured.session)} for the next run`,
      );
      kept.push(label);
    }
  }
  return kept;
}

function ownersToRecord(context: TargetContext): SessionOwner[] {
  const names = context.fixtures.names();
  const fixtures: SessionOwner[] = recordedFixtures
    .filter((fixture) => names.includes(fixture))
    .map((fixture) => ({ kind: 'fixture', fixture }));
  if (context.declaration.trustedIdentity === undefined) return fixtures;
  return [{ kind: 'trusted-identity', label: context.declaration.trustedIdentity }, ...fixtures];
}

function presentationOf(owner: SessionOwner, context: TargetContext): PresentedIdentity | undefined {
  if (owner.kind === 'fixture') {
    return context.fixtures.names().includes(owner.fixture)
      ? resolvePresentation({ kind: 'fixture', fixture: owner.fixture, withChain: true }, context)
      : undefined;
  }
  return owner.label === context.declaration.trustedIdentity
    ? { identity: context.trustedIdentity.identity, files: context.trustedIdentity.files }
    : undefined;
}

function describeOwner(owner: SessionOwner): string {
  return owner.kind === 'fixture' ? owner.fixture : owner.label;
}
