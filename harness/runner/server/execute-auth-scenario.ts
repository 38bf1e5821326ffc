import type { Observation } from '../../probe/observation.ts';
import { probeOf } from '../probe-of.ts';
import type { CredentialsSent } from '../../scenarios/auth/auth-scenario.ts';
import type { ExpectationRule, Scenario } from '../../scenarios/scenario.ts';
import type { Judgement } from '../judgement.ts';
import { judgeObservation } from './judge-observation.ts';
import { reproduceFor } from './reproduce-for.ts';
import { resolvePresentation } from '../resolve-presentation.ts';
import type { TargetContext } from '../target-context.ts';

/**
 * One probe of an auth-* scenario: the scenario's certificate (or none) and, in the `Authorization`
 * header, the target's credentials, a wrong variant of them, or none. In `exclusive` mode a client
 * without a certificate must be refused at the handshake ("Allow only Two-Way SSL"), whatever rejectAt.
 */
export async function executeAuthScenario(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
): Promise<{ observed: Observation | null; judgement: Judgement; reproduce?: string }> {
  const auth = context.declaration.auth;
  const credentials = context.credentials;
  if (auth === undefined || credentials === undefined) {
    return {
      observed: null,
      judgement: { verdict: 'skip', reason: 'the target declares no auth block: no credentials to send' },
    };
  }
  const sent = credentialsSentBy(scenario);
  const authorization =
    sent === 'declared'
      ? credentials.authorization
      : sent === 'wrong'
        ? credentials.wrongAuthorization
        : undefined;
  const presented = resolvePresentation(scenario.presents, context);
  const observed = await probeOf(context)({
    url: context.declaration.url,
    ...(presented ? { identity: presented.identity } : {}),
    ...(authorization === undefined ? {} : { headers: { authorization } }),
    ...(context.serverTrust ? { serverTrustPem: context.serverTrust.pem } : {}),
    ...(context.servername ? { servername: context.servername } : {}),
    timeouts: context.timeouts,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const rejectAt =
    auth.mode === 'exclusive' && scenario.presents.kind === 'nothing'
      ? 'handshake'
      : context.declaration.rejectAt;
  const judged = judgeObservation(rule.expected, observed, rejectAt);
  const what =
    sent === 'none'
      ? 'no credentials'
      : sent === 'wrong'
        ? 'wrong credentials'
        : `credentials from ${auth.credentialSource}`;
  const command = reproduceFor(context, presented, undefined);
  return {
    observed,
    judgement: { ...judged, reason: `${judged.reason} (sent ${what})` },
    // Appended after the URL, which curl accepts; the arguments name variables, never their values.
    reproduce: sent === 'none' ? command : `${command} ${credentials.curlArguments[sent]}`,
  };
}

function credentialsSentBy(scenario: Scenario): CredentialsSent {
  const sent = (scenario as Scenario & { credentials?: unknown }).credentials;
  return sent === 'declared' || sent === 'wrong' ? sent : 'none';
}
