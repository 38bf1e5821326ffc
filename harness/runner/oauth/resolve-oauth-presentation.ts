import { resolvePresentation, type PresentedIdentity } from '../resolve-presentation.ts';
import type { OAuthScenario } from '../../scenarios/oauth/oauth-scenario.ts';
import type { TargetContext } from '../target-context.ts';

/**
 * What a scenario presents on this target: the identity (undefined for no certificate), who that is in
 * the report, and, for "another client", why the target's TLS layer is declared to accept it. Or, when
 * no other client would pass the TLS layer, why the scenario cannot exercise what it is there for.
 */
export type OAuthPresentation =
  { presented: PresentedIdentity | undefined; who: string; tlsAccepts?: string } | { unavailable: string };

export function resolveOAuthPresentation(scenario: OAuthScenario, context: TargetContext): OAuthPresentation {
  const { presents } = scenario;
  if (scenario.otherClient === undefined) {
    return {
      presented: resolvePresentation(presents, context),
      who:
        presents.kind === 'fixture'
          ? presents.fixture
          : presents.kind === 'nothing'
            ? 'a client without a certificate'
            : 'the registered client',
    };
  }
  const other = scenario.otherClient(context.declaration, context.fixtures);
  if (other.fixture === null) return { unavailable: `${other.why}: the binding could not be exercised` };
  return {
    presented: resolvePresentation({ kind: 'fixture', fixture: other.fixture, withChain: true }, context),
    who: other.fixture,
    tlsAccepts: `${other.fixture} chains to ${other.root}, which the target trusts`,
  };
}
