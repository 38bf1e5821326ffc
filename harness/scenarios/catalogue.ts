import { authScenarios, authScenariosFor } from './auth/auth-scenarios.ts';
import { backendScenarios } from './backend/backend-scenarios.ts';
import { badKeystorePassword } from './bad-keystore-password.ts';
import { caHintMismatch } from './client/ca-hint-mismatch.ts';
import { edgeScenariosFor } from './edge/edge-scenarios.ts';
import type { ClientScenario } from './client/client-scenario.ts';
import { presentsCertificate } from './client/presents-certificate.ts';
import { refusesExpiredServer } from './client/refuses-expired-server.ts';
import { refusesLegacyTls } from './client/refuses-legacy-tls.ts';
import { refusesUntrustedServer } from './client/refuses-untrusted-server.ts';
import { refusesWrongHostname } from './client/refuses-wrong-hostname.ts';
import { refusesSha1ServerCert } from './client/refuses-sha1-server-cert.ts';
import { refusesWeakServerKey } from './client/refuses-weak-server-key.ts';
import { expiredClientCert } from './expired-client-cert.ts';
import { intermediateChain } from './intermediate-chain.ts';
import { missingIntermediate } from './missing-intermediate.ts';
import { noClientCert } from './no-client-cert.ts';
import { notYetValidClientCert } from './not-yet-valid-client-cert.ts';
import { revocationScenariosFor } from './revocation/revocation-scenarios.ts';
import { oauthScenarios } from './oauth/oauth-scenarios.ts';
import type { Scenario } from './scenario.ts';
import { secondCaClient } from './second-ca-client.ts';
import { selfSignedClientCert } from './self-signed-client-cert.ts';
import { serverIdentity } from './server-identity.ts';
import { tls12 } from './tls-1.2.ts';
import { tls13 } from './tls-1.3.ts';
import { tlsLegacyVersions } from './tls-legacy-versions.ts';
import { trustedClient } from './trusted-client.ts';
import { untrustedCa } from './untrusted-ca.ts';
import { wrongEku } from './wrong-eku.ts';
import { keyScenarios } from './keys/key-scenarios.ts';

// Named through Scenario: this folder may not import ../report (eslint.config.js boundaries).
type Suite = Scenario['suite'];

/** The server suite, in the order runs and reports list it. Adding a scenario: its file plus one line here. */
export const serverScenarios: readonly Scenario[] = Object.freeze([
  noClientCert,
  trustedClient,
  secondCaClient,
  untrustedCa,
  expiredClientCert,
  notYetValidClientCert,
  selfSignedClientCert,
  wrongEku,
  intermediateChain,
  missingIntermediate,
  badKeystorePassword,
  tlsLegacyVersions,
  tls12,
  tls13,
  serverIdentity,
  ...keyScenarios,
]);

/** The client suite (harness/scenarios/client/): the harness is the server, a client under test connects. */
export const clientScenarios: readonly ClientScenario[] = Object.freeze([
  presentsCertificate,
  refusesUntrustedServer,
  refusesExpiredServer,
  refusesWrongHostname,
  refusesLegacyTls,
  caHintMismatch,
  refusesWeakServerKey,
  refusesSha1ServerCert,
]);

/** Every suite's scenarios. */
export const catalogue: Readonly<Record<Suite, readonly Scenario[]>> = Object.freeze({
  server: serverScenarios,
  client: clientScenarios,
  oauth: oauthScenarios,
});

/** Suites in the order listings show them. */
export const suiteNames: readonly Suite[] = Object.freeze(['server', 'client', 'oauth']);

/** The scenarios of one suite, or of every suite in order. */
export function scenariosOf(suite?: Suite): readonly Scenario[] {
  return suite === undefined ? suiteNames.flatMap((name) => catalogue[name]) : catalogue[suite];
}

/** Ids are unique across suites, so an id alone finds its scenario. */
export function findScenario(id: string, suite?: Suite): Scenario | undefined {
  return scenariosOf(suite).find((scenario) => scenario.id === id);
}

export function scenarioIds(suite?: Suite): string[] {
  return scenariosOf(suite).map((scenario) => scenario.id);
}

/** Suites that have at least one scenario in this version. */
export function availableSuites(): Suite[] {
  return suiteNames.filter((suite) => catalogue[suite].length > 0);
}

export { authScenarios, backendScenarios };

/**
 * Scenarios a target's declaration adds to the server suite, after the catalogue: the auth set
 * (harness/scenarios/auth/, fitted to the target: what each presents, or its `skipReason`) when it
 * declares `auth:`, then the backend set (harness/scenarios/backend/) when it declares `backend:`,
 * then the edge set (harness/scenarios/edge/) when it declares `sharedWith` or `resumption`, then the
 * revocation set (harness/scenarios/revocation/) when it declares `revocation:`. Targets
 * without any run the catalogue alone. The server planner schedules them.
 */
export function declaredScenarios(
  target: {
    auth?: unknown;
    backend?: unknown;
    trustedIdentity?: unknown;
    trusts?: unknown;
    sharedWith?: unknown;
    resumption?: unknown;
    revocation?: unknown;
  },
  suite: Suite,
): readonly Scenario[] {
  if (suite !== 'server') return [];
  return [
    ...(target.auth !== undefined ? authScenariosFor(target) : []),
    ...(target.backend !== undefined ? backendScenarios : []),
    ...edgeScenariosFor(target),
    ...revocationScenariosFor(target),
  ];
}
