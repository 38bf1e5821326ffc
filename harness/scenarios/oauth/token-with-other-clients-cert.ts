import { describeOAuthClient } from './oauth-declaration.ts';
import { otherClientFixture, type OAuthScenario } from './oauth-scenario.ts';

/** tpp2 asks for tpp1's token: a certificate from a trusted CA is not enough, it must be the client's own. */
export const tokenWithOtherClientsCert: OAuthScenario = {
  id: 'token-with-other-clients-cert',
  suite: 'oauth',
  title: "Token request with another client's certificate",
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'fixture', fixture: otherClientFixture, withChain: true },
  derivation: "invalid_client (a TLS refusal counts when the target does not trust tpp2's CA)",
  expect: (target, fixtures) => {
    const root = fixtures.rootOf(otherClientFixture);
    const trusted = root !== null && target.trusts.includes(root);
    const tls = trusted
      ? `the target trusts ${root}, so the token endpoint itself must refuse`
      : `the target does not trust ${root ?? 'its issuer'}, so a TLS refusal also counts`;
    return {
      expected: 'rejected',
      because: `${otherClientFixture}'s certificate is not the one registered for ${describeOAuthClient(target.oauth)}: invalid_client (RFC 8705 §2); ${tls}`,
    };
  },
};
