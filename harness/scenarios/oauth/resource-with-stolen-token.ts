import { chooseOtherClient, otherClientFixtures, type OAuthScenario } from './oauth-scenario.ts';

/**
 * The registered client's token replayed by another client, what certificate binding exists to stop:
 * one the TLS layer lets through (tpp2 where ca2 is trusted, else tpp3 of ca1), so the binding is judged.
 */
export const resourceWithStolenToken: OAuthScenario = {
  id: 'resource-with-stolen-token',
  suite: 'oauth',
  title: "Protected resource with the token over another client's certificate",
  method: 'oauth',
  exchange: 'resource-request',
  presents: { kind: 'fixture', fixture: otherClientFixtures[0], withChain: true },
  otherClient: chooseOtherClient,
  derivation:
    '401 invalid_token over tpp2 if ca2 is trusted, else tpp3 (ca1); skipped when no resourceUrl is declared or the target trusts neither',
  expect: (target, fixtures) => {
    const other = chooseOtherClient(target, fixtures);
    if (other.fixture === null) {
      return {
        expected: 'informational',
        because: `${other.why}: the binding of the token to its certificate cannot be exercised`,
      };
    }
    return {
      expected: 'rejected',
      because: `${other.fixture}'s certificate (from ${other.root}, which the target trusts) does not match the token's cnf: 401 with error invalid_token (RFC 8705 §3, RFC 6750 §3.1)`,
    };
  },
};
