import type { SecureVersion } from 'node:tls';
import type { Observation } from '../probe/observation.ts';
import type { Expectation, Suite } from '../report/run-results.ts';
import type { AuthDeclaration } from './auth/auth-declaration.ts';
import type { BackendDeclaration } from './backend/backend-declaration.ts';
import type { ClientPresentation } from './client-presentation.ts';
import type { SharedName } from './edge/edge-declaration.ts';
import type { KeyPolicyDeclaration } from './keys/key-policy.ts';
import type { OAuthDeclaration } from './oauth/oauth-declaration.ts';
import type { RevocationDeclaration } from './revocation/revocation-declaration.ts';

/**
 * What a target is declared to be: the basis of every expectation. One catalogue serves every trust
 * profile because expectations are derived from this, never written per target.
 */
export interface TargetDeclaration {
  name: string;
  url: string;
  /** Fixture CAs the endpoint is meant to accept client certificates from (`['ca1']`, `['ca1','ca2']`). */
  trusts: readonly string[];
  /** Fixture name or PEM path that must validate the server's chain; absent = not judged. */
  serverCa?: string;
  /**
   * `handshake` demands a refusal by TLS alert or reset; `any` (default) also counts an HTTP 400/401/403
   * refusal after the handshake, as nginx and most API gateways answer.
   */
  rejectAt: 'handshake' | 'any';
  /** TLS versions the endpoint is meant to offer; default TLS 1.2 and 1.3. */
  tlsVersions: readonly SecureVersion[];
  /**
   * Label (file name) of the target's own bring-your-own client identity, when it names one: the
   * `trusted-identity` presentation then uses it instead of `tpp1`, and it is expected to be accepted.
   */
  trustedIdentity?: string;
  /** For the oauth suite: the client registered for the trusted identity, and where the resource and metadata are. */
  oauth?: OAuthDeclaration;
  /** HTTP credentials the target takes besides certificates (webMethods' modes); adds the auth-* scenarios. */
  auth?: AuthDeclaration;
  /** The headers that tell the application behind the gateway who the client is; adds the backend scenarios. */
  backend?: BackendDeclaration;
  /**
   * Other host names served on the same address and port (an ordinary site beside the mTLS API);
   * adds the scenarios around the edge (harness/scenarios/edge/). Default: none declared.
   */
  sharedWith?: readonly SharedName[];
  /**
   * Whether the target resumes TLS sessions; `false` skips the resumption scenarios with that reason.
   * Default: not declared, so they try, and are skipped with "no session offered" if none is.
   */
  resumption?: boolean;
  /** What revocation checks the target enforces; adds the revocation scenarios. Default: none declared. */
  revocation?: RevocationDeclaration;
  /** Client keys and signatures the target accepts; default: keyPolicyOf's conservative one. */
  accepts?: KeyPolicyDeclaration;
  /**
   * The client identities the target lets in when it authorizes by identity (DN or SAN, as
   * findAllowedSubject compares them); adds nothing, but without it the allow-list-* scenarios skip.
   */
  allowedSubjects?: readonly string[];
}

/** Facts about the fixture set that expectations depend on. */
export interface FixtureFacts {
  /** The fixture CA that issued a fixture certificate (`tpp2` → `ca2`), or null when self-signed. */
  issuerOf(fixture: string): string | null;
  /** The root CA a fixture chains to (`intermediate-leaf` → `ca1`), or null when self-signed. */
  rootOf(fixture: string): string | null;
}

/** An expectation and the one-line reason it follows from the declaration. */
export interface ExpectationRule {
  expected: Expectation;
  because: string;
  /**
   * For scenarios of several steps, what the step after the first must observe: for
   * `keystore-password`, the probe made once the right password opened the keystore.
   */
  followUp?: ExpectationRule;
  /**
   * For `rejected` because of the TLS version asked (RFC 8996, or a version the target does not
   * declare): the refusal must be the handshake's. A handshake that completes fails, whatever the
   * server answers after it: an HTTP 400 for the certificate does not undo a TLS 1.0 session.
   */
  refusedInHandshake?: true;
}

/** What a failing scenario saw, for its likelyCause. */
export interface ScenarioFailure {
  expected: Expectation;
  observed: Observation;
  /** The fixture set's folder, for a cause that names one of its files. */
  fixturesDir: string;
}

/**
 * How the runner carries a scenario out:
 * - `probe`: one probe presenting `presents`, pinned to `tlsVersions` when given;
 * - `tls-versions`: one probe per version in `tlsVersions`; the expectation applies to each;
 * - `keystore-password`: open the trusted identity's keystore (PKCS#12, or a Java keystore) with a wrong
 *   password (must fail locally, nothing sent), then with the right one and probe (must be accepted);
 * - `server-identity`: judge the server chain of a probe against `serverCa`, the host name and validity;
 * - `oauth`: an OAuth 2.0 exchange (RFC 8705), carried out by the oauth suite, not by executeScenario;
 * - `auth`: one probe presenting `presents` and sending the target's HTTP credentials (AuthScenario);
 * - `backend`: probes through the gateway with forged identity headers, judged by what the backend
 *   behind it received (BackendScenario);
 * - `edge`: the probes around the edge (SNI, Host, session resumption) of an EdgeScenario;
 * - `revocation`: one probe presenting `presents`, with the harness's OCSP responder playing the
 *   scenario's fault for that certificate, and the CRL and OCSP answers kept as evidence (RevocationScenario).
 */
export type ScenarioMethod =
  | 'probe'
  | 'tls-versions'
  | 'keystore-password'
  | 'server-identity'
  | 'oauth'
  | 'auth'
  | 'backend'
  | 'edge'
  | 'revocation';

export interface Scenario {
  /** Stable id: a contract for reports, baselines and config overrides. kebab-case. */
  id: string;
  suite: Suite;
  title: string;
  method: ScenarioMethod;
  presents: ClientPresentation;
  tlsVersions?: readonly SecureVersion[];
  /** One line for `mtls-conformance scenarios`: how the expectation is derived. */
  derivation: string;
  expect(target: TargetDeclaration, fixtures: FixtureFacts): ExpectationRule;
  /**
   * Set on a scenario fitted to one target (the auth set, see declaredScenarios) when the declaration
   * gives it nothing it can be judged with; it is then planned as skipped, with this reason. Default:
   * the scenario runs.
   */
  skipReason?: string;
  /**
   * What a failure of this scenario most likely means, in one line for the person reading it (`certificate
   * requested but not required: ssl_verify_client optional?`); undefined when nothing specific is known.
   */
  likelyCause?(failure: ScenarioFailure): string | undefined;
  /**
   * For a catalogue scenario that needs something declared (the allow-list-* ones): why it is skipped
   * for this target, or undefined to run it. Default: it runs.
   */
  skipFor?(target: TargetDeclaration): string | undefined;
}
