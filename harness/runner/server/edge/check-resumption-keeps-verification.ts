import type { TargetContext } from '../../target-context.ts';
import { resolvePresentation, type PresentedIdentity } from '../../resolve-presentation.ts';
import { EdgeSteps, type EdgeOutcome } from './edge-steps.ts';
import { edgeTargetOf } from './edge-target.ts';
import { captureSession, describeSessionKind, resumeAndJudge } from './resumption-attempt.ts';

/** A certificate from a CA no target trusts (harness/pki/default-fixture-spec.ts). */
const refusedFixture = 'rogue';

/**
 * Per declared TLS version, sessions made at the target's own front door by three clients: the trusted
 * identity (whose session may resume: the target verified it), one with no certificate and one with a
 * refused certificate (whose sessions must not let anyone in). nginx, refusing at HTTP, completes those
 * handshakes and issues their sessions; a server that refuses in the handshake issues none.
 */
export async function checkResumptionKeepsVerification(context: TargetContext): Promise<EdgeOutcome> {
  const target = edgeTargetOf(context);
  const steps = new EdgeSteps();
  const trusted: PresentedIdentity = {
    identity: context.trustedIdentity.identity,
    files: context.trustedIdentity.files,
  };
  const clients: Array<{ name: string; presented: PresentedIdentity | undefined; trusted: boolean }> = [
    { name: context.trustedIdentity.identity.label, presented: trusted, trusted: true },
    { name: 'no certificate', presented: undefined, trusted: false },
    ...(context.fixtures.names().includes(refusedFixture)
      ? [
          {
            name: `${refusedFixture} (untrusted CA)`,
            presented: resolvePresentation(
              { kind: 'fixture', fixture: refusedFixture, withChain: true },
              context,
            ),
            trusted: false,
          },
        ]
      : []),
  ];
  for (const version of context.declaration.tlsVersions) {
    for (const client of clients) {
      const captured = await captureSession(context, {
        servername: target.servername,
        presented: client.presented,
        version: version,
      });
      const what = `${version.replace('TLSv', 'TLS ')} session of ${client.name}`;
      const letIn = captured.answer.kind === 'reached';
      if (client.trusted && !letIn) {
        steps.skip(
          what,
          captured.observation,
          `the trusted identity is refused on a full handshake (${captured.answer.short}; see trusted-client)`,
        );
        continue;
      }
      if (!client.trusted && letIn) {
        steps.skip(
          what,
          captured.observation,
          `already let in on a full handshake (${captured.answer.short}; see no-client-cert and untrusted-ca)`,
        );
        continue;
      }
      const { session } = captured;
      if (session === undefined) {
        steps.skip(what, captured.observation, `no session offered (${captured.answer.short})`);
        continue;
      }
      await resumeAndJudge(context, steps, {
        label: `${describeSessionKind(session)} of ${client.name} (${captured.answer.short} when made)`,
        captured: { ...captured, session },
        origin: {
          what: `made with ${client.name}, which the target refused (${captured.answer.short})`,
          verifiedHere: client.trusted,
        },
      });
    }
  }
  return steps.outcome({
    passed: 'resumed sessions let in only the client their own handshake verified',
    skipped: 'no session to try',
  });
}
