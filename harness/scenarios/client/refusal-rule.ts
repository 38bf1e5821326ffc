import type { ExpectationRule } from '../scenario.ts';
import { clientSuiteServerCa } from './client-scenario.ts';

/** A server the client under test must refuse, whatever the target declares: it sends no request. */
export function refusalRule(flaw: string): ExpectationRule {
  return {
    expected: 'refused-by-client',
    because: `${flaw}; a client that trusts ${clientSuiteServerCa} and verifies the server must not send its request`,
  };
}

/** The `derivation` line of every refuses-* scenario. */
export const refusalDerivation =
  'refused-by-client (no request reaches the server), whatever the target trusts';
