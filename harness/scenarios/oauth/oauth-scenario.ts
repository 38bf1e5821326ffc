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
  /**
   * Set where the scenario presents several certificates in turn (token requests only), each judged on
   * its own and all of them holding: which fixtures, on this target. `presents` then names the first.
   */
  presentsEach?: (target: TargetDeclaration, fixtures: FixtureFacts) => PresentedInTurn;
}

/** One certificate of a scenario that presents several in turn. */
export interface PresentedCandidate {
  fixture: string;
  /** The root CA it chains to, as the fixture set says. */
  root: string | null;
  /**
   * Why the target is declared to let it through its TLS layer, when it is: a refusal there then fails
   * (the check the scenario is there for was not exercised), naming trusts. Absent: a TLS refusal is
   * reported and leaves that certificate unexercised.
   */
  tlsAccepts?: string;
  /** What a token issued to it shows, when more than "the client_id is not bound to its certificate". */
  tokenIssuedMeans?: string;
}

/**
 * The certificates presented in turn, and what is left unexercised when none reaches the token
 * endpoint (the scenario is then skipped with that reason), or why there is none to present.
 */
export type PresentedInTurn =
  | { candidates: readonly [PresentedCandidate, ...PresentedCandidate[]]; notExercised: string }
  | { candidates: readonly []; why: string; notExercised: string };

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

/**
 * Every one of otherClientFixtures whose root CA the target trusts (issue 19: tpp2 and tpp3, not only
 * the first), each one that the token endpoint itself must refuse; none, with why, as chooseOtherClient.
 */
export function chooseOtherClients(target: TargetDeclaration, fixtures: FixtureFacts): PresentedInTurn {
  const candidates: PresentedCandidate[] = [];
  for (const fixture of otherClientFixtures) {
    const root = rootIfPresent(fixtures, fixture);
    if (typeof root === 'string' && target.trusts.includes(root))
      candidates.push({ fixture, root, tlsAccepts: `${fixture} chains to ${root}, which the target trusts` });
  }
  const [first, ...rest] = candidates;
  if (first === undefined) {
    const none = chooseOtherClient(target, fixtures);
    return {
      candidates: [],
      why: none.fixture === null ? none.why : 'no other client',
      notExercised: 'the binding could not be exercised',
    };
  }
  return {
    candidates: [first, ...rest],
    notExercised: 'the binding of client_id to certificate was not exercised',
  };
}

/** `tpp2 (ca2) and tpp3 (ca1)`. */
export function listCandidates(candidates: readonly PresentedCandidate[]): string {
  const named = candidates.map((candidate) => `${candidate.fixture} (${candidate.root ?? 'no CA'})`);
  return named.length <= 1 ? (named[0] ?? 'none') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

export { rootIfPresent };
