import type { ClientIdentity } from '../../harness/pki/client-identity.ts';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';

/** One client presentation of the table: a fixture identity, with or without its chain, or none. */
export interface PresentedCase {
  label: string;
  /** Fixture name; absent = no certificate. */
  fixture?: string;
  withChain?: boolean;
}

/** Every fixture identity the issue lists, plus "no certificate" and the leaf without its intermediate. */
export const presentedCases: readonly PresentedCase[] = [
  { label: 'no certificate' },
  { label: 'tpp1', fixture: 'tpp1' },
  { label: 'tpp2', fixture: 'tpp2' },
  { label: 'rogue', fixture: 'rogue' },
  { label: 'expired', fixture: 'expired' },
  { label: 'not-yet-valid', fixture: 'not-yet-valid' },
  { label: 'self-signed', fixture: 'self-signed' },
  { label: 'wrong-eku', fixture: 'wrong-eku' },
  { label: 'intermediate-leaf with chain', fixture: 'intermediate-leaf', withChain: true },
  { label: 'intermediate-leaf without chain', fixture: 'intermediate-leaf', withChain: false },
];

export function identityOf(fixtures: FixtureSet, presented: PresentedCase): ClientIdentity | undefined {
  return presented.fixture === undefined
    ? undefined
    : fixtures.identity(presented.fixture, { withChain: presented.withChain ?? true });
}

/** Whether a server that verifies against `trust` (fixture CA names) should accept the presentation. */
export function trustedBy(trust: readonly string[], presented: PresentedCase): boolean {
  switch (presented.label) {
    case 'tpp1':
    case 'intermediate-leaf with chain':
      return trust.includes('ca1');
    case 'tpp2':
      return trust.includes('ca2');
    default:
      return false;
  }
}
