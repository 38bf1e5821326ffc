/**
 * The public API of mtls-conformance, for suites and for users' own Mocha tests
 * (see docs/examples/own-mocha-test.test.ts). Everything else under harness/ is internal.
 */
export { HarnessError, isHarnessError } from './common/harness-error.ts';
export type { CertificateSummary } from './pki/certificate-summary.ts';
export { summarizeCertificate } from './pki/certificate-summary.ts';
export type { ClientIdentity } from './pki/client-identity.ts';
export type { FixtureSet } from './pki/fixture-set.ts';
export { generateFixtureSet, type GenerateFixtureSetOptions } from './pki/generate-fixture-set.ts';
export { openFixtureSet } from './pki/open-fixture-set.ts';
export { MockMtlsServer } from './servers/mock-mtls-server.ts';
export type { StartedMockMtlsServer } from './servers/started-mock-mtls-server.ts';
export type { ConnectionRecord } from './servers/connection-record.ts';
export type { ConnectionEndKind, ConnectionEnding } from './servers/connection-ending.ts';
export type { HandshakeProgress } from './servers/handshake-progress.ts';
export { loadIdentity, type IdentitySource } from './pki/load-identity.ts';
export type { Observation, Outcome, Stage } from './probe/observation.ts';
export { probeTarget } from './probe/probe-target.ts';
export { ProbeWorkerPool } from './probe/probe-worker-pool.ts';
export type { ProbeExecutor } from './probe/probe-executor.ts';
export type { ProbeOptions, ProbeTimeouts } from './probe/probe-options.ts';
export type { RunResults, ScenarioResult, Suite, TargetResult, Verdict } from './report/run-results.ts';
export type { Scenario, TargetDeclaration } from './scenarios/scenario.ts';
export { declaredScenarios, serverScenarios } from './scenarios/catalogue.ts';
export { BoundedPool } from './runner/bounded-pool.ts';
export { executeScenario } from './runner/server/execute-scenario.ts';
export { skippedScenarioResult } from './runner/skipped-scenario-result.ts';
export type { ScenarioAdjustment } from './runner/scenario-adjustment.ts';
export { planSelectedScenarios } from './runner/plan-selected-scenarios.ts';
export type { PlannedScenario } from './runner/planned-run.ts';
export type { ScenarioSelection, SuitePlanner } from './runner/suite-planner.ts';
export type { TargetContext, TrustedIdentity } from './runner/target-context.ts';
// OAuth 2.0 mutual TLS (RFC 8705): the oauth suite's scenarios, and the mock authorization server.
export type { Expectation, ScenarioStep } from './report/run-results.ts';
export { reproduceCommand, type ReproduceInput } from './report/reproduce-command.ts';
export { shellQuote } from './report/shell-quote.ts';
export type { ExpectationRule } from './scenarios/scenario.ts';
export { resolvePresentation, type PresentedIdentity } from './runner/resolve-presentation.ts';
export {
  describeOAuthClient,
  oauthAuthMethods,
  resolveOAuthEndpoints,
  type OAuthAuthMethod,
  type OAuthDeclaration,
  type OAuthEndpoints,
} from './scenarios/oauth/oauth-declaration.ts';
export type { OAuthExchange, OAuthScenario } from './scenarios/oauth/oauth-scenario.ts';
export { oauthScenarios } from './scenarios/oauth/oauth-scenarios.ts';
export { certificateThumbprint } from './servers/certificate-thumbprint.ts';
export { findAllowedSubject } from './servers/subject-allow-list.ts';
export { MockAuthorizationServer } from './servers/mock-authorization-server.ts';
export type { StartedMockAuthorizationServer } from './servers/started-mock-authorization-server.ts';
export type { AuthorizationServerFlaw } from './servers/authorization-server-flaw.ts';
export type { AccessTokenFormat } from './servers/access-token-issuer.ts';
export type { OAuthClientRegistration } from './servers/oauth-client-registration.ts';
// The client suite: the harness as the server, a client under test connecting to it.
export type { ClientScenario, MockServerSetup } from './scenarios/client/client-scenario.ts';
export { clientScenarios } from './scenarios/catalogue.ts';
export { executeClientScenario } from './runner/client/execute-client-scenario.ts';
export type {
  ClientCommand,
  ClientEnvValue,
  ClientUnderTest,
  ClientWait,
} from './runner/client/client-under-test.ts';
// Java keystores (JKS, PKCS#12 by content) and the authentication modes (webMethods' Two-Way SSL modes).
export type { KeystoreIdentitySource } from './pki/open-keystore-identity.ts';
export { loadTrustStore, type LoadedTrustStore } from './pki/load-trust-store.ts';
export { readKeystoreFile, type KeystoreOpening } from './pki/read-keystore-file.ts';
export type { KeystoreContents, KeystoreEntry, KeystoreFormat } from './pki/keystore-contents.ts';
export { inspectKeystore, type KeystoreInspection } from './pki/inspect-keystore.ts';
export { isWrongKeystorePassword } from './pki/keystore-error.ts';
export { findKeytool } from './pki/run-keytool.ts';
export { credentialModes, type CredentialMode, type CredentialUser } from './servers/credential-mode.ts';
export { basicAuthorization } from './servers/authorization-header.ts';
export { authScenarios } from './scenarios/auth/auth-scenarios.ts';
export { withAuthFixtures } from './scenarios/auth/with-auth-fixtures.ts';
export type { AuthDeclaration, AuthMode } from './scenarios/auth/auth-declaration.ts';
export type { TargetCredentials } from './runner/target-credentials.ts';
// The oauth suite's execution (harness/runner/oauth/): one token request shared by its scenarios.
export { OAuthSession } from './runner/oauth/oauth-session.ts';
export { runOAuthScenario } from './runner/oauth/run-oauth-scenario.ts';
export { undeclaredOAuthResult } from './runner/oauth/undeclared-oauth-result.ts';
// Edge to app: what the application behind a gateway receives as the client's identity.
export { RecordingBackend } from './servers/recording-backend.ts';
export type { StartedRecordingBackend } from './servers/started-recording-backend.ts';
export type { BackendRecord } from './servers/backend-records.ts';
export { readBackendEcho, type BackendEcho } from './servers/backend-echo.ts';
export { backendScenarios } from './scenarios/backend/backend-scenarios.ts';
export type { BackendScenario, BackendCase } from './scenarios/backend/backend-scenario.ts';
export {
  backendMisconfigurations,
  REQUEST_ID_HEADER,
  type BackendDeclaration,
  type BackendMisconfiguration,
} from './scenarios/backend/backend-declaration.ts';
export {
  forwardedCertificateFormats,
  type ForwardedCertificateFormat,
} from './pki/forwarded-certificate-format.ts';
export { encodeForwardedCertificate } from './pki/encode-forwarded-certificate.ts';
export { decodeForwardedCertificate, type DecodedHeaderValue } from './pki/decode-forwarded-certificate.ts';
export type { BackendEvidence } from './report/run-results.ts';
// Around the edge: sessions the probe keeps and offers, the mock's deliberately broken edges, the set.
export { TlsSession, type TlsSessionFacts } from './probe/tls-session.ts';
export type { SentEvidence, SessionEvidence } from './probe/observation.ts';
export { edgeFlaws, type EdgeFlaw } from './servers/edge-flaw.ts';
export { edgeScenarios } from './scenarios/edge/edge-scenarios.ts';
export type { SharedName } from './scenarios/edge/edge-declaration.ts';
