import type { ScenarioResult } from '../../report/run-results.ts';
import { describeOAuthClient } from '../../scenarios/oauth/oauth-declaration.ts';
import type { OAuthScenario } from '../../scenarios/oauth/oauth-scenario.ts';

/**
 * The result of an oauth scenario on a target without an `oauth:` block: failed, since nothing can be
 * asked of a token endpoint whose client is unknown, with what to add.
 */
export function undeclaredOAuthResult(scenario: OAuthScenario, targetName: string): ScenarioResult {
  return {
    id: scenario.id,
    title: scenario.title,
    expected: 'informational',
    expectationBasis: describeOAuthClient(undefined),
    observed: null,
    verdict: 'fail',
    reason: `target ${targetName} declares no oauth block: give oauth.clientId and oauth.authMethod (docs/oauth.md)`,
    durationMs: 0,
  };
}
