import type { Observation } from '../../probe/observation.ts';
import type { ScenarioStep } from '../../report/run-results.ts';
import type { PresentedCandidate, PresentedInTurn } from '../../scenarios/oauth/oauth-scenario.ts';
import { fail, pass, skip, undecided, type Judgement } from '../judgement.ts';
import { resolvePresentation } from '../resolve-presentation.ts';
import { judgeTokenRefused } from './judge-token-request.ts';
import type { CarriedOut } from '../server/carried-out.ts';
import { reproduceFormPost } from './oauth-reproduce.ts';
import { formPost, tokenRequestForm } from './oauth-requests.ts';
import type { OAuthSession } from './oauth-session.ts';
import { redactAccessToken } from './redact-access-token.ts';
import { describeAnswer, readTokenResponse } from './token-response.ts';
import { tlsLayerVerdict } from './tls-layer-verdict.ts';
import { describeTlsPassage } from './tls-passage.ts';

/** One certificate's token request and its judgement. */
interface Attempt {
  candidate: PresentedCandidate;
  observed: Observation;
  judgement: Judgement;
  /** Whether the token endpoint itself answered (a token, or an OAuth error): what the scenario exercises. */
  reachedEndpoint: boolean;
  reproduce: string;
}

/**
 * Presents each certificate of `inTurn` in a token request for the registered client_id; each must be
 * refused (judgeTokenRefused). The scenario fails if any attempt does, is skipped when none reached the
 * token endpoint (every one refused at the TLS layer: nothing exercised), and passes otherwise. Every
 * attempt is a step of the result; the observation shown is the first failure's, else the first
 * that reached the endpoint.
 */
export async function carryOutTokenRequestsInTurn(
  session: OAuthSession,
  inTurn: PresentedInTurn,
): Promise<CarriedOut | undefined> {
  if ('why' in inTurn) return { observed: null, judgement: skip(`${inTurn.why}: ${inTurn.notExercised}`) };
  const attempts = await Promise.all(inTurn.candidates.map((candidate) => attempt(session, candidate)));
  const done = attempts.filter((one): one is Attempt => one !== undefined);
  const [first] = done;
  if (first === undefined || done.length < attempts.length) return undefined;
  const steps: ScenarioStep[] = done.map((one) => ({
    label: `${one.candidate.fixture} (from ${one.candidate.root ?? 'no CA'})`,
    observation: one.observed,
  }));
  const failed = done.filter((one) => one.judgement.verdict === 'fail');
  const shown = failed[0] ?? done.find((one) => one.reachedEndpoint) ?? first;
  const carried = { observed: shown.observed, steps, reproduce: shown.reproduce };
  if (failed.length > 0) return { ...carried, judgement: combineFailures(failed) };
  if (!done.some((one) => one.reachedEndpoint)) {
    const refusals = done.map((one) => one.judgement.reason);
    return {
      ...carried,
      judgement: skip(
        `no certificate reached the token endpoint (${refusals.join('; ')}): ${inTurn.notExercised}`,
      ),
    };
  }
  const reached = done.filter((one) => one.reachedEndpoint).map((one) => one.judgement.reason);
  const refused = done.filter((one) => !one.reachedEndpoint).map((one) => one.judgement.reason);
  return { ...carried, judgement: pass([...reached, ...refused].join('; ')) };
}

async function attempt(session: OAuthSession, candidate: PresentedCandidate): Promise<Attempt | undefined> {
  const { context, endpoints } = session;
  const presented = resolvePresentation(
    { kind: 'fixture', fixture: candidate.fixture, withChain: true },
    context,
  );
  const form = tokenRequestForm(session.oauth);
  const raw = await session.probe(formPost(context, endpoints.token, form, presented));
  if (raw === undefined) return undefined;
  const response = readTokenResponse(raw);
  const observed = response.issued ? redactAccessToken(raw, response.accessToken) : raw;
  const reproduce = reproduceFormPost(context, endpoints.token, form, presented);
  const who = candidate.fixture;
  if (response.issued) {
    const means = candidate.tokenIssuedMeans;
    const judgement =
      means === undefined
        ? judgeTokenRefused(raw, { who, rejectAt: 'any' })
        : fail(`a token was issued to ${who} (HTTP ${raw.http?.status ?? '?'}): ${means}`);
    return { candidate, observed, judgement, reachedEndpoint: true, reproduce };
  }
  const tls = candidate.tlsAccepts === undefined ? {} : { tlsAccepts: candidate.tlsAccepts };
  if (tlsLayerVerdict(raw) !== 'let-through') {
    const judgement = naming(who, judgeTokenRefused(raw, { who, rejectAt: 'any', ...tls }));
    return { candidate, observed, judgement, reachedEndpoint: false, reproduce };
  }
  const controls = await session.tlsControls();
  if (controls === undefined) return undefined;
  const passage = describeTlsPassage(raw, who, controls);
  const judgement = judgeTokenRefused(raw, { who, rejectAt: 'any', ...tls, tlsPassage: passage.text });
  if (passage.certificateSent === false && judgement.verdict === 'pass') {
    // The refusal is right, but it was not a refusal of this certificate: nothing was exercised.
    const unexercised = `${who} was refused by the token endpoint with ${describeAnswer(raw)}, but ${passage.text}`;
    return { candidate, observed, judgement: pass(unexercised), reachedEndpoint: false, reproduce };
  }
  return { candidate, observed, judgement, reachedEndpoint: true, reproduce };
}

// One failure keeps its own judgement (and its undecided mark); several are listed, decided ones first.
function combineFailures(failed: readonly Attempt[]): Judgement {
  const [only] = failed;
  if (only !== undefined && failed.length === 1) return only.judgement;
  const reason = failed.map((one) => one.judgement.reason).join('; ');
  return failed.every((one) => one.judgement.undecided === true) ? undecided(reason) : fail(reason);
}

// A refusal's reason names who was refused, as the failures' reasons do: several attempts share one line.
function naming(fixture: string, judgement: Judgement): Judgement {
  if (judgement.verdict !== 'pass' || judgement.reason.startsWith(fixture)) return judgement;
  return { ...judgement, reason: `${fixture} was ${judgement.reason}` };
}
