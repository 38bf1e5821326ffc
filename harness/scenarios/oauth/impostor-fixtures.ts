import type { FixtureFacts, TargetDeclaration } from '../scenario.ts';
import { rootIfPresent, type PresentedCandidate, type PresentedInTurn } from './oauth-scenario.ts';

/**
 * Twins of tpp1, the registered client: its exact subject and SANs from another CA (ca2, rogue-ca), as
 * the OIDF conformance suite's fake certificates copy a client's subject with a new key. RFC 8705 §7.4
 * ("X.509 Certificate Spoofing"): a subject identifies the client only under the CAs agreed with it.
 */
export const impostorFixtures: readonly string[] = ['tpp1-from-ca2', 'tpp1-from-rogue'];

/**
 * Every twin in the fixture set, all presented: what counts is what the TLS layer lets through, not
 * what the target is declared to trust (an attacker does not ask), so a TLS refusal of one leaves it
 * unexercised rather than failing. None in the set (a custom spec), or a registered client that is not
 * tpp1 (the target's own identity): nothing to present, with why.
 */
export function chooseImpostors(target: TargetDeclaration, fixtures: FixtureFacts): PresentedInTurn {
  // The twins copy tpp1: a client registered with the target's own identity is not what they imitate.
  if (target.trustedIdentity !== undefined && target.trustedIdentity !== 'tpp1') {
    return {
      candidates: [],
      why: `the registered client is the target's own identity (${target.trustedIdentity}), whose subject tpp1's twins do not carry`,
      notExercised: 'no impostor to present',
    };
  }
  const candidates: PresentedCandidate[] = [];
  for (const fixture of impostorFixtures) {
    const root = rootIfPresent(fixtures, fixture);
    if (root === undefined) continue;
    candidates.push({
      fixture,
      root,
      tokenIssuedMeans: `its subject and SANs are tpp1's but it comes from ${root ?? 'no CA'}: the server matches the registered subject without checking the CA the client is registered under (RFC 8705 §7.4, X.509 certificate spoofing)`,
    });
  }
  const [first, ...rest] = candidates;
  if (first === undefined) {
    return {
      candidates: [],
      why: `the fixture set has none of ${impostorFixtures.join(', ')} (regenerate the fixtures with the built-in spec)`,
      notExercised: 'no impostor to present',
    };
  }
  return {
    candidates: [first, ...rest],
    notExercised: "the token endpoint's check of the CA a client is registered under was not exercised",
  };
}
