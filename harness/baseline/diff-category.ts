/**
 * How one difference between two runs is classified. The names are a contract: `--fail-on`, diff.json
 * and the diff report use them.
 */
export type DiffCategory =
  | 'newly-accepted'
  | 'newly-rejected'
  | 'rejection-changed'
  | 'server-chain-changed'
  | 'verdict-changed'
  | 'scenario-added'
  | 'scenario-removed'
  | 'target-added'
  | 'target-removed';

/** Every category, most serious first: the order of tables, reports and `--fail-on`'s list. */
export const diffCategories: readonly DiffCategory[] = Object.freeze([
  'newly-accepted',
  'newly-rejected',
  'rejection-changed',
  'server-chain-changed',
  'verdict-changed',
  'scenario-added',
  'scenario-removed',
  'target-added',
  'target-removed',
]);

/** What each category means, for reports and `--help`. */
export const diffCategoryMeanings: Readonly<Record<DiffCategory, string>> = Object.freeze({
  'newly-accepted': 'a client that was refused (or could not connect) now gets in',
  'newly-rejected': 'a client that got in is now refused (or cannot connect)',
  'rejection-changed': 'still not let in, but refused differently (stage, TLS alert, HTTP status or reason)',
  'server-chain-changed': "the server's certificate changed (fingerprint, issuer or expiry)",
  'verdict-changed': 'the verdict changed while what the server did did not (e.g. the expectation or a skip)',
  'scenario-added': 'a scenario ran that the baseline does not have',
  'scenario-removed': 'a scenario of the baseline did not run',
  'target-added': 'a target the baseline does not have',
  'target-removed': 'a target of the baseline is gone',
});

/** `--fail-on`'s default: the two changes that matter in production, a hole and an outage. */
export const defaultFailOn: readonly DiffCategory[] = Object.freeze(['newly-accepted', 'newly-rejected']);

export function isDiffCategory(value: string): value is DiffCategory {
  return (diffCategories as readonly string[]).includes(value);
}
