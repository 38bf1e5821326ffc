import type { ExpectationRule } from '../scenario.ts';
import { clientSuiteServerCa } from './client-scenario.ts';

/**
 * A server the client under test must refuse, whatever the target declares: it shows the refusal (an
 * alert or a hang-up once it has the server's certificate) and sends its request to the valid server
 * in the same run (judge-client-refusal.ts).
 */
export function refusalRule(flaw: string): ExpectationRule {
  return {
    expected: 'refused-by-client',
    because: `${flaw}; a client that trusts ${clientSuiteServerCa} and verifies the server must not send its request`,
  };
}

/** The `derivation` line of every refuses-* scenario. */
export const refusalDerivation =
  'refused-by-client (the client shows it, and sends its request to the valid server in the same run), whatever the target trusts';
