import { otherClientFixture, type OAuthScenario } from './oauth-scenario.ts';

/** The registered client's token replayed by tpp2: what certificate binding exists to stop. */
export const resourceWithStolenToken: OAuthScenario = {
  id: 'resource-with-stolen-token',
  suite: 'oauth',
  title: "Protected resource with the token over another client's certificate",
  method: 'oauth',
  exchange: 'resource-request',
  presents: { kind: 'fixture', fixture: otherClientFixture, withChain: true },
  derivation: '401 invalid_token; skipped when no resourceUrl is declared',
  expect: () => ({
    expected: 'rejected',
    because: `${otherClientFixture}'s certificate does not match the token's cnf: 401 with error invalid_token (RFC 8705 §3, RFC 6750 §3.1)`,
  }),
};
