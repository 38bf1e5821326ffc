import type { Scenario } from '../scenario.ts';

/**
 * What the oauth suite does for a scenario (suites/oauth/ carries it out):
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
}

/** The fixture that plays "another client" (issued by ca2, the seed's second TPP). */
export const otherClientFixture = 'tpp2';
