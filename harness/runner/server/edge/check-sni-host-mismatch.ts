import { classifyEdgeAnswer } from './edge-answer.ts';
import { edgeProbe } from './edge-probe.ts';
import { edgeReproduceCommand } from './edge-reproduce.ts';
import { EdgeSteps, skippedEdge, type EdgeOutcome } from './edge-steps.ts';
import { edgeTargetOf } from './edge-target.ts';
import { doorIdentity } from './door-identity.ts';
import { hostVariants } from './host-variants.ts';
import type { TargetContext } from '../../target-context.ts';

/**
 * For every other site on the address: a handshake with its SNI (presenting what it accepts and the
 * target does not, or nothing), then the mTLS site's name in Host, in each variant. Every one must be
 * refused; a 2xx, 3xx or 5xx answer means the request got past the edge without a verified certificate.
 */
export async function checkSniHostMismatch(context: TargetContext): Promise<EdgeOutcome> {
  const shared = context.declaration.sharedWith ?? [];
  if (shared.length === 0) {
    return skippedEdge('no sharedWith declared: no other site on the address to send the SNI of');
  }
  if (context.declaration.url.startsWith('tls:')) {
    return skippedEdge('the target is a tls:// URL: no HTTP request carries a Host to differ from the SNI');
  }
  const target = edgeTargetOf(context);
  const steps = new EdgeSteps();
  for (const site of shared) {
    const door = doorIdentity(site, context);
    const presenting = door.fixture === null ? 'no certificate' : `presenting ${door.fixture}`;
    for (const variant of hostVariants(target.name, target.port)) {
      const request = { servername: site.name, host: variant.host, presented: door.presented };
      const { observation } = await edgeProbe(context, request);
      const label = `SNI ${site.name} (${presenting}), Host ${variant.host} (${variant.label})`;
      const answer = classifyEdgeAnswer(observation);
      if (answer.kind === 'refused') steps.pass(label, observation, `refused: ${answer.short}`);
      else if (answer.kind === 'reached') {
        const why = `answered ${answer.short}: the request for ${target.name} got past a handshake made for ${site.name}`;
        steps.fail(
          label,
          observation,
          why,
          edgeReproduceCommand({ url: context.declaration.url, ...request }),
        );
      } else steps.fail(label, observation, `could not decide: ${answer.short}`);
    }
  }
  return steps.outcome({ passed: 'every Host for the mTLS site was refused', skipped: 'nothing judged' });
}
