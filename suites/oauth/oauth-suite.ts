import {
  OAuthSession,
  runOAuthScenario,
  oauthScenarios,
  planSelectedScenarios,
  undeclaredOAuthResult,
  type BoundedPool,
  type PlannedScenario,
  type ScenarioSelection,
  type SuitePlanner,
  type TargetContext,
} from '../../harness/index.ts';

/**
 * The oauth suite (RFC 8705): mutual-TLS client authentication at a token endpoint, certificate-bound
 * access tokens at a protected resource, and the metadata that advertises both. Every scenario starts
 * at once; those that need the registered client's token share one request (see OAuthSession).
 */
export const planOAuthSuite: SuitePlanner = (
  context: TargetContext,
  selection: ScenarioSelection,
  pool: BoundedPool,
): PlannedScenario[] => {
  const oauth = context.declaration.oauth;
  const session = oauth === undefined ? undefined : new OAuthSession(context, oauth, pool);
  return planSelectedScenarios(oauthScenarios, selection, (scenario, adjustment) =>
    session === undefined
      ? Promise.resolve(undeclaredOAuthResult(scenario, context.declaration.name))
      : runOAuthScenario(scenario, session, adjustment.override),
  );
};
