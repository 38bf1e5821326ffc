import { chooseImpostors, impostorFixtures } from './impostor-fixtures.ts';
import { describeOAuthClient } from './oauth-declaration.ts';
import { listCandidates, type OAuthScenario } from './oauth-scenario.ts';

/**
 * tpp1's token asked for with a certificate that copies tpp1's subject and SANs from another CA: the
 * registered subject is not enough, the certificate must chain to the CA the client is registered under
 * (RFC 8705 §2.1, §7.4). Each twin the target's TLS layer lets through must get invalid_client.
 */
export const tokenWithImpostorCert: OAuthScenario = {
  id: 'token-with-impostor-cert',
  suite: 'oauth',
  title: "Token request with the registered subject from another CA (tpp1's twins)",
  method: 'oauth',
  exchange: 'token-request',
  presents: { kind: 'fixture', fixture: impostorFixtures[0] ?? 'tpp1-from-ca2', withChain: true },
  presentsEach: chooseImpostors,
  derivation:
    'each twin of tpp1 (ca2, rogue-ca) that gets through the TLS layer: 400/401 invalid_client; skipped when none does',
  expect: (target, fixtures) => {
    const each = chooseImpostors(target, fixtures);
    if ('why' in each) {
      return { expected: 'informational', because: `${each.why}: ${each.notExercised}` };
    }
    return {
      expected: 'rejected',
      because: `${listCandidates(each.candidates)} carry the subject registered for ${describeOAuthClient(target.oauth)} but not its CA: whichever the TLS layer lets through gets invalid_client (RFC 8705 §2.1, §7.4 X.509 certificate spoofing, RFC 6749 §5.2)`,
    };
  },
};
