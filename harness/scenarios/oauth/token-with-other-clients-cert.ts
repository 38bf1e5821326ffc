import { describeOAuthClient } from './oauth-declaration.ts';
import { chooseOtherClients, otherClientFixtures, type OAuthScenario } from './oauth-scenario.ts';

/**
 * Other clients ask for tpp1's token: a certificate from a trusted CA is not enough, it must be the
 * client's own. Every other client the target's TLS layer is declared to let through is presented in
 * turn (tpp2 where ca2 is trusted, tpp3 where ca1 is), so that the token endpoint, not the handshake,
 * must refuse each: a server may refuse one client of another CA and still take a client of tpp1's own.
 */
export const tokenWithOtherClientsCert: OAuthScenario = {
  id: 'token-with-other-clients-cert',
  suite: 'oauth',
  title: "Token request with another client's certificate",
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'fixture', fixture: otherClientFixtures[0], withChain: true },
  presentsEach: chooseOtherClients,
  derivation:
    'invalid_client for each certificate the TLS layer accepts: tpp2 if ca2 is trusted, tpp3 if ca1 is; skipped when the target trusts neither',
  expect: (target, fixtures) => {
    const each = chooseOtherClients(target, fixtures);
    if ('why' in each) {
      return {
        expected: 'informational',
        because: `${each.why}: the binding of client_id to certificate cannot be exercised`,
      };
    }
    const many = each.candidates.length > 1;
    const names = each.candidates.map((candidate) => `${candidate.fixture}'s`).join(' and ');
    const roots = each.candidates.map((candidate) => candidate.root).join(' and ');
    return {
      expected: 'rejected',
      because: `${names} ${many ? 'certificates are' : 'certificate is'} not the one registered for ${describeOAuthClient(target.oauth)}: invalid_client (RFC 8705 §2); the target trusts ${roots}, so the token endpoint itself must refuse ${many ? 'each' : 'it'}`,
    };
  },
};
