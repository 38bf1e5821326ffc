import type { TargetContext } from '../../target-context.ts';
import { doorIdentity } from './door-identity.ts';
import { EdgeSteps, skippedEdge, type EdgeOutcome } from './edge-steps.ts';
import { edgeTargetOf, hostWithPort } from './edge-target.ts';
import { captureSession, describeSessionKind, resumeAndJudge } from './resumption-attempt.ts';

/**
 * For every other site on the address and every declared TLS version: a session made there (a TLS 1.3
 * ticket; a TLS 1.2 ticket, then a session id from a client that asks for no ticket), offered to the
 * mTLS site with no certificate. Only the target's own verification may let a client in.
 */
export async function checkResumedSessionOtherVhost(context: TargetContext): Promise<EdgeOutcome> {
  const shared = context.declaration.sharedWith ?? [];
  if (shared.length === 0) {
    return skippedEdge('no sharedWith declared: no other site on the address to make a session on');
  }
  const target = edgeTargetOf(context);
  const steps = new EdgeSteps();
  // Sites that issued a TLS 1.2 session id (no ticket) to a client that takes tickets: asking again
  // without tickets would repeat the same attempt.
  const sessionIdOnly = new Set<string>();
  for (const site of shared) {
    const door = doorIdentity(site, context);
    const presenting = door.fixture === null ? 'no certificate' : door.fixture;
    for (const version of context.declaration.tlsVersions) {
      // A TLS 1.2 client that takes tickets gets its session id replaced by the ticket's hash, so the
      // server's session cache is tried with a second session from a client that asks for none.
      const kinds = version === 'TLSv1.3' ? [true] : [true, false];
      for (const sessionTickets of kinds) {
        if (!sessionTickets && sessionIdOnly.has(site.name)) continue;
        const captured = await captureSession(context, {
          servername: site.name,
          host: hostWithPort(site.name, target.port),
          presented: door.presented,
          version: version,
          sessionTickets,
        });
        const what = `${version.replace('TLSv', 'TLS ')} ${sessionTickets ? 'session' : 'session id (no ticket asked)'} from ${site.name} (${presenting})`;
        const { session } = captured;
        if (session === undefined) {
          steps.skip(what, captured.observation, `no session offered (${captured.answer.short})`);
          continue;
        }
        if (version === 'TLSv1.2' && session.facts.ticket === undefined) sessionIdOnly.add(site.name);
        await resumeAndJudge(context, steps, {
          label: `${describeSessionKind(session)} from ${site.name} (${presenting})`,
          captured: { ...captured, session },
          origin: { what: `made on ${site.name} with ${presenting}`, verifiedHere: false },
        });
      }
    }
  }
  return steps.outcome({
    passed: 'no session from another site let a client in',
    skipped: 'no session to try',
  });
}
