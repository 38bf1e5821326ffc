import { describeOAuthClient } from './oauth-declaration.ts';
import { chooseOtherClient, otherClientFixtures, type OAuthScenario } from './oauth-scenario.ts';

/**
 * Another client asks for tpp1's token: a certificate from a trusted CA is not enough, it must be the
 * client's own. That client is one the target's TLS layer lets through (tpp2 where ca2 is trusted, else
 * tpp3 of ca1), so that the token endpoint, not the handshake, must refuse it.
 */
export const tokenWithOtherClientsCert: OAuthScenario = {
  id: 'token-with-other-clients-cert',
  suite: 'oauth',
  title: "Token request with another client's certificate",
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'fixture', fixture: otherClientFixtures[0], withChain: true },
  otherClient: chooseOtherClient,
  derivation:
    'invalid_client for a certificate the TLS layer accepts: tpp2 if ca2 is trusted, else tpp3 (ca1); skipped when the target trusts neither',
  expect: (target, fixtures) => {
    const other = chooseOtherClient(target, fixtures);
    if (other.fixture === null) {
      return {
        expected: 'informational',
        because: `${other.why}: the binding of client_id to certificate cannot be exercised`,
      };
    }
    return {
      expected: 'rejected',
      because: `${other.fixture}'s certificate is not the one registered for ${describeOAuthClient(target.oauth)}: invalid_client (RFC 8705 §2); the target trusts ${other.root}, so the token endpoint itself must refuse it`,
    };
  },
};
