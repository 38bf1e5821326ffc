import { classifyEdgeAnswer } from './edge-answer.ts';
import { edgeProbe, type EdgeProbeRequest } from './edge-probe.ts';
import { edgeReproduceCommand } from './edge-reproduce.ts';
import { EdgeSteps, type EdgeOutcome } from './edge-steps.ts';
import { edgeTargetOf } from './edge-target.ts';
import { doorIdentity } from './door-identity.ts';
import type { TargetContext } from '../../target-context.ts';

/**
 * No SNI, the URL's Host: first with no certificate, then, for each other mTLS site declared, with a
 * client that site accepts and the target does not. Without SNI the server verifies against its
 * default site's CAs (nginx), so the second is how a client of another site gets in by Host alone.
 */
export async function checkNoSni(context: TargetContext): Promise<EdgeOutcome> {
  const target = edgeTargetOf(context);
  const steps = new EdgeSteps();
  const attempts: Array<{ label: string; request: EdgeProbeRequest }> = [
    { label: 'no SNI, no certificate', request: { servername: null } },
  ];
  for (const site of context.declaration.sharedWith ?? []) {
    const door = doorIdentity(site, context);
    if (door.fixture === null) continue;
    attempts.push({
      label: `no SNI, presenting ${door.fixture} (accepted by ${site.name})`,
      request: { servername: null, presented: door.presented },
    });
  }
  for (const { label, request } of attempts) {
    const { observation } = await edgeProbe(context, request);
    const host = observation.sent?.host ?? target.name;
    const full = `${label}, Host ${host}`;
    const answer = classifyEdgeAnswer(observation);
    if (answer.kind === 'refused') steps.pass(full, observation, `refused: ${answer.short}`);
    else if (answer.kind === 'reached') {
      const why = `answered ${answer.short}: a client without SNI reached ${target.name} with no certificate its trust [${context.declaration.trusts.join(', ')}] verified`;
      steps.fail(full, observation, why, edgeReproduceCommand({ url: context.declaration.url, ...request }));
    } else steps.fail(full, observation, `could not decide: ${answer.short}`);
  }
  const note =
    target.urlIsAddress && context.servername === undefined
      ? ' (the URL is an address, so every probe of the catalogue sends no SNI too)'
      : '';
  return steps.outcome({ passed: `a client without SNI was refused${note}`, skipped: 'nothing judged' });
}
