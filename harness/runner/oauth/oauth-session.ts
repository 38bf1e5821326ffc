import { probeOf } from '../probe-of.ts';
import {
  resolveOAuthEndpoints,
  type OAuthDeclaration,
  type OAuthEndpoints,
} from '../../scenarios/oauth/oauth-declaration.ts';
import type { BoundedPool } from '../bounded-pool.ts';
import type { Observation } from '../../probe/observation.ts';
import type { PresentedIdentity } from '../resolve-presentation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import type { TargetContext } from '../target-context.ts';
import { judgeTokenIssued } from './judge-token-request.ts';
import { checkExpectedSubject } from './check-expected-subject.ts';
import type { Judgement } from '../judgement.ts';
import { reproduceFormPost } from './oauth-reproduce.ts';
import { documentRequest, formPost, tokenRequestForm } from './oauth-requests.ts';
import { redactAccessToken } from './redact-access-token.ts';
import { probeTlsControls } from './probe-tls-controls.ts';
import type { TlsControls } from './tls-passage.ts';
import { readTokenResponse } from './token-response.ts';

/** The registered client's token request, as token-with-registered-cert reports it and the others use it. */
export interface TokenAttempt {
  /** What the token endpoint answered, with the token redacted: safe to report. */
  observation: Observation;
  /** The token itself, when one was issued. Kept in memory for the dependent scenarios; never reported. */
  accessToken?: string;
  judgement: Judgement;
  /** The curl command that repeats the request. */
  reproduce: string;
  durationMs: number;
}

/**
 * One OAuth target during a run: its endpoints, its registered client, and the exchanges several
 * scenarios share. The token is requested once, whichever scenario asks first, so scenarios may run
 * in any order; a probe waits for a slot of the run's pool only when it is about to be sent, never
 * while holding one, so a dependent scenario cannot starve the request it waits for.
 */
export class OAuthSession {
  readonly endpoints: OAuthEndpoints;
  /** The client registered as `oauth.clientId`: the target's trusted identity. */
  readonly registered: PresentedIdentity;
  #token: Promise<TokenAttempt | undefined> | undefined;
  #metadata: Promise<Observation | undefined> | undefined;
  #tlsControls: Promise<TlsControls | undefined> | undefined;

  constructor(
    readonly context: TargetContext,
    readonly oauth: OAuthDeclaration,
    private readonly pool: BoundedPool,
  ) {
    this.endpoints = resolveOAuthEndpoints(context.declaration.url, oauth);
    this.registered = { identity: context.trustedIdentity.identity, files: context.trustedIdentity.files };
  }

  /**
   * Sends one probe on the run's pool; undefined when the run was interrupted, before the probe started
   * or while it was in flight (it then saw nothing to judge: the scenario is not run).
   */
  async probe(options: ProbeOptions): Promise<Observation | undefined> {
    const { signal } = this.context;
    const observation = await this.pool.submit(() =>
      probeOf(this.context)({ ...options, ...(signal && { signal }) }),
    );
    return observation?.interrupted ? undefined : observation;
  }

  /** The registered client's client_credentials request, made once. Undefined when the run was interrupted. */
  token(): Promise<TokenAttempt | undefined> {
    this.#token ??= this.#requestToken();
    return this.#token;
  }

  /** The metadata document, read once, presenting the registered client's certificate. */
  metadata(): Promise<Observation | undefined> {
    this.#metadata ??= this.probe(documentRequest(this.context, this.endpoints.metadata, this.registered));
    return this.#metadata;
  }

  /** What the TLS layer does without a certificate and with an unverifiable one (probe-tls-controls.ts), once. */
  tlsControls(): Promise<TlsControls | undefined> {
    this.#tlsControls ??= probeTlsControls(this.context, this.endpoints.token, (options) =>
      this.probe(options),
    );
    return this.#tlsControls;
  }

  async #requestToken(): Promise<TokenAttempt | undefined> {
    const started = performance.now();
    const form = tokenRequestForm(this.oauth);
    const observation = await this.probe(formPost(this.context, this.endpoints.token, form, this.registered));
    if (observation === undefined) return undefined;
    const response = readTokenResponse(observation);
    return {
      observation: response.issued ? redactAccessToken(observation, response.accessToken) : observation,
      ...(response.issued ? { accessToken: response.accessToken } : {}),
      judgement: checkExpectedSubject(judgeTokenIssued(observation), this.oauth, this.registered.identity),
      reproduce: reproduceFormPost(this.context, this.endpoints.token, form, this.registered),
      durationMs: Math.round(performance.now() - started),
    };
  }
}
