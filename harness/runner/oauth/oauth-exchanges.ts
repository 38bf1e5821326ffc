import { certificateThumbprint } from '../../servers/certificate-thumbprint.ts';
import type { OAuthScenario } from '../../scenarios/oauth/oauth-scenario.ts';
import type { ScenarioStep } from '../../report/run-results.ts';
import { decodeJwtClaims, isRecord } from './decode-jwt.ts';
import { judgeMetadata } from './judge-metadata.ts';
import { judgeResourceRefused, judgeResourceServed } from './judge-resource-request.ts';
import { judgeResourceRefusedWithoutCert } from './judge-resource-without-cert.ts';
import { judgeBoundClaims, judgeIntrospection } from './judge-token-binding.ts';
import { judgeTokenIssued, judgeTokenRefused } from './judge-token-request.ts';
import { fail, skip, type Judgement } from '../judgement.ts';
import {
  reproduceFormPost,
  reproduceGet,
  reproduceIntrospection,
  reproduceResourceRequest,
  reproduceTokenBinding,
} from './oauth-reproduce.ts';
import { formPost, resourceRequest, tokenRequestForm } from './oauth-requests.ts';
import type { OAuthSession, TokenAttempt } from './oauth-session.ts';
import { redactAccessToken } from './redact-access-token.ts';
import { resolveOAuthPresentation } from './resolve-oauth-presentation.ts';
import { readJsonBody, readTokenResponse } from './token-response.ts';
import type { CarriedOut } from '../server/carried-out.ts';
import { introspectionCredentials } from './introspection-credentials.ts';
import { carryOutTokenRequestsInTurn } from './token-requests-in-turn.ts';
import { tlsLayerVerdict } from './tls-layer-verdict.ts';
import { describeTlsPassage } from './tls-passage.ts';

export type { CarriedOut } from '../server/carried-out.ts';

type Expected = 'accepted' | 'rejected';

export async function carryOutTokenRequest(
  scenario: OAuthScenario,
  session: OAuthSession,
  expected: Expected,
): Promise<CarriedOut | undefined> {
  const { context, endpoints } = session;
  if (scenario.presents.kind === 'trusted-identity') {
    const attempt = await session.token();
    return (
      attempt && { observed: attempt.observation, judgement: attempt.judgement, reproduce: attempt.reproduce }
    );
  }
  if (scenario.presentsEach !== undefined)
    return carryOutTokenRequestsInTurn(session, scenario.presentsEach(context.declaration, context.fixtures));
  const presentation = resolveOAuthPresentation(scenario, context);
  if ('unavailable' in presentation) return { observed: null, judgement: skip(presentation.unavailable) };
  const { presented, who, tlsAccepts } = presentation;
  const form = tokenRequestForm(session.oauth);
  const raw = await session.probe(formPost(context, endpoints.token, form, presented));
  if (raw === undefined) return undefined;
  const response = readTokenResponse(raw);
  const observed = response.issued ? redactAccessToken(raw, response.accessToken) : raw;
  const judgement =
    expected === 'accepted'
      ? judgeTokenIssued(raw)
      : judgeTokenRefused(raw, {
          who,
          rejectAt: presented === undefined ? context.declaration.rejectAt : 'any',
          withoutCertificate: presented === undefined,
          ...(tlsAccepts === undefined ? {} : { tlsAccepts }),
        });
  return { observed, judgement, reproduce: reproduceFormPost(context, endpoints.token, form, presented) };
}

export async function carryOutTokenBinding(session: OAuthSession): Promise<CarriedOut | undefined> {
  const attempt = await session.token();
  if (attempt === undefined) return undefined;
  const steps: ScenarioStep[] = [tokenStep(attempt)];
  const reproduce = reproduceTokenBinding(attempt.reproduce, session.registered);
  const token = attempt.accessToken;
  if (token === undefined)
    return { observed: attempt.observation, steps, judgement: noToken(attempt), reproduce };
  const expected = certificateThumbprint(session.registered.identity.certificatePem);
  const claims = decodeJwtClaims(token);
  if (claims !== undefined) {
    return {
      observed: attempt.observation,
      steps,
      judgement: judgeBoundClaims(claims, expected, 'access token (JWT)'),
      reproduce,
    };
  }
  // An opaque token: RFC 8705 §3.2 has the binding come out of introspection.
  let endpoint: string | undefined;
  const declared = session.oauth.introspection?.url;
  if (declared !== undefined) {
    endpoint = new URL(declared, session.endpoints.token).href;
  } else {
    const metadata = await session.metadata();
    if (metadata === undefined) return undefined;
    steps.push({ label: 'metadata (for introspection_endpoint)', observation: metadata });
    endpoint = introspectionEndpoint(readJsonBody(metadata));
  }
  if (endpoint === undefined) {
    const why =
      'the access token is opaque and the metadata names no introspection_endpoint, so its binding cannot be seen from outside (RFC 8705 §3.2); give oauth.introspection.url';
    return { observed: attempt.observation, steps, judgement: skip(why) };
  }
  const credentials = introspectionCredentials(session.oauth);
  const form = new URLSearchParams({ token, client_id: session.oauth.clientId });
  const introspection = await session.probe(
    formPost(session.context, endpoint, form, session.registered, credentials?.authorization),
  );
  if (introspection === undefined) return undefined;
  steps.push({ label: 'introspection', observation: introspection });
  return {
    observed: introspection,
    steps,
    judgement: judgeIntrospection(introspection, expected),
    reproduce: reproduceIntrospection(
      session.context,
      endpoint,
      attempt.reproduce,
      session.oauth.clientId,
      session.registered,
      credentials?.curlArgument,
    ),
  };
}

export async function carryOutResourceRequest(
  scenario: OAuthScenario,
  session: OAuthSession,
  expected: Expected,
): Promise<CarriedOut | undefined> {
  const { context, endpoints } = session;
  const url = endpoints.resource;
  if (url === undefined) {
    return {
      observed: null,
      judgement: skip('no oauth.resourceUrl declared: give the protected resource that accepts these tokens'),
    };
  }
  const presentation = resolveOAuthPresentation(scenario, context);
  if ('unavailable' in presentation) return { observed: null, judgement: skip(presentation.unavailable) };
  const { presented, who, tlsAccepts } = presentation;
  const attempt = await session.token();
  if (attempt === undefined) return undefined;
  const steps: ScenarioStep[] = [tokenStep(attempt)];
  const reproduce = reproduceResourceRequest(context, url, attempt.reproduce, presented);
  if (attempt.accessToken === undefined)
    return { observed: null, steps, judgement: noToken(attempt), reproduce };
  const observed = await session.probe(resourceRequest(context, url, attempt.accessToken, presented));
  if (observed === undefined) return undefined;
  if (expected === 'rejected' && tlsAccepts !== undefined && tlsLayerVerdict(observed) === 'let-through') {
    const controls = await session.tlsControls();
    if (controls === undefined) return undefined;
    const passage = describeTlsPassage(observed, who, controls);
    const judgement = judgeResourceRefused(observed, { who, tlsAccepts, tlsPassage: passage.text });
    if (passage.certificateSent === false && judgement.verdict === 'pass') {
      const why = `${judgement.reason.split('; TLS: ')[0] ?? ''}, but ${passage.text}: the binding of the token to its certificate was not exercised`;
      return { observed, steps, judgement: skip(why), reproduce };
    }
    return { observed, steps, judgement, reproduce };
  }
  const judgement =
    expected === 'accepted'
      ? judgeResourceServed(observed)
      : presented === undefined
        ? judgeResourceRefusedWithoutCert(observed)
        : judgeResourceRefused(observed, { who, ...(tlsAccepts === undefined ? {} : { tlsAccepts }) });
  return { observed, steps, judgement, reproduce };
}

export async function carryOutMetadata(session: OAuthSession): Promise<CarriedOut | undefined> {
  const observed = await session.metadata();
  if (observed === undefined) return undefined;
  return {
    observed,
    judgement: judgeMetadata(observed, session.oauth, session.endpoints.token),
    reproduce: reproduceGet(session.context, session.endpoints.metadata, session.registered),
  };
}

function tokenStep(attempt: TokenAttempt): ScenarioStep {
  return {
    label: 'token request (shared with token-with-registered-cert)',
    observation: attempt.observation,
  };
}

function noToken(attempt: TokenAttempt): Judgement {
  return fail(
    `no access token to use: token-with-registered-cert did not obtain one (${attempt.judgement.reason})`,
  );
}

// RFC 8705 §5: a client doing mutual TLS prefers the alias.
function introspectionEndpoint(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) return undefined;
  const aliases = metadata.mtls_endpoint_aliases;
  const alias = isRecord(aliases) ? aliases.introspection_endpoint : undefined;
  const endpoint = typeof alias === 'string' ? alias : metadata.introspection_endpoint;
  return typeof endpoint === 'string' ? endpoint : undefined;
}
