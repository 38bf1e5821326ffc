import type { FixtureFacts, Scenario, TargetDeclaration } from '../scenario.ts';
import { describeTrust } from '../trust-rules.ts';

/**
 * What the oauth suite does for a scenario (harness/runner/oauth/ carries it out):
 * - `token-request`: a client_credentials request to the token endpoint presenting `presents`;
 * - `token-binding`: decode the registered client's token (JWT), or introspect it, and compare its
 *   `cnf` with the certificate (RFC 8705 §3.1, §3.2);
 * - `resource-request`: the registered client's token sent to the protected resource over a
 *   connection presenting `presents`;
 * - `metadata`: read the authorization server metadata (RFC 8414, RFC 8705 §3.3, §5).
 */
export type OAuthExchange = 'token-request' | 'token-binding' | 'resource-request' | 'metadata';

/** A scenario of the oauth suite: listed with the others, carried out by the oauth suite. */
export interface OAuthScenario extends Scenario {
  suite: 'oauth';
  method: 'oauth';
  exchange: OAuthExchange;
  /**
   * Set where "another client" acts: which fixture plays it on this target. `presents` then names only
   * the first choice; the suite presents the chosen fixture, or skips the scenario when there is none.
   */
  otherClient?: (target: TargetDeclaration, fixtures: FixtureFacts) => OtherClient;
}

/** Who plays "another client" on a target: a fixture its TLS layer accepts, or why there is none. */
export type OtherClient = { fixture: string; root: string } | { fixture: null; why: string };

/**
 * The fixtures that can play "another client", first choice first: tpp2 (ca2, the seed's second TPP),
 * then tpp3 (a second client of ca1). Neither is tpp1, the registered client.
 */
export const otherClientFixtures: readonly [string, ...string[]] = ['tpp2', 'tpp3'];

/**
 * The first of otherClientFixtures whose root CA the target trusts. Only such a certificate tests the
 * binding of client_id and token to a certificate (RFC 8705 §2, §3): any other is refused by the TLS
 * layer before the token endpoint or the resource looks at it, as a broken server would refuse it too.
 */
export function chooseOtherClient(target: TargetDeclaration, fixtures: FixtureFacts): OtherClient {
  const refused: string[] = [];
  for (const fixture of otherClientFixtures) {
    const root = rootIfPresent(fixtures, fixture);
    if (typeof root === 'string' && target.trusts.includes(root)) return { fixture, root };
    refused.push(
      root === undefined ? `the fixture set has no ${fixture}` : `${fixture} chains to ${root ?? 'no CA'}`,
    );
  }
  return {
    fixture: null,
    why: `no other client's certificate would pass the TLS layer (${refused.join(', ')}; ${describeTrust(target)})`,
  };
}

// A custom fixture spec may lack tpp2 or tpp3; the fixture set's lookup throws for a name it lacks.
function rootIfPresent(fixtures: FixtureFacts, fixture: string): string | null | undefined {
  try {
    return fixtures.rootOf(fixture);
  } catch {
    return undefined;
  }
}
