import type { Expectation } from '../../report/run-results.ts';
import type { MockServerSetup } from '../../scenarios/client/client-scenario.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import type { Judgement } from '../judgement.ts';
import { clientEndLine } from './client-run-evidence.ts';
import { describeConnections } from './describe-client-connections.ts';
import type { ClientRun } from './drive-client-under-test.ts';
import { judgeClientRefusal } from './judge-client-refusal.ts';
import type { ValidServerControl } from './valid-server-control.ts';
import { describeIssuedBy } from '../../pki/describe-issued-by.ts';

/**
 * Judges a client under test from what the scenario's server recorded and how the client ended:
 * - `accepted`: it presented a certificate that chains to `trusts` and sent its request;
 * - `refused-by-client` (or `rejected`, from a config override): it showed a refusal and sent its
 *   request to a valid server in the same run (judge-client-refusal.ts);
 * - `informational`: reported, whatever happened.
 * A client that never connected has shown nothing, so it fails every judged expectation: otherwise a
 * broken command line would pass every refuses-* scenario.
 */
export async function judgeClientRun(
  expected: Expectation,
  run: ClientRun,
  trusts: readonly string[],
  server: Pick<MockServerSetup, 'flaw' | 'refuses'>,
  control: () => Promise<ValidServerControl>,
): Promise<Judgement> {
  const ending = clientEndLine(run);
  const seen = describeConnections(run.records);
  if (expected === 'informational') return { verdict: 'pass', reason: `reported only: ${seen}; ${ending}` };
  if (run.records.length === 0) {
    return { verdict: 'fail', reason: `expected ${expected}, but the client never connected (${ending})` };
  }
  if (expected === 'accepted') return judgePresentation(run.records, trusts, seen, ending);
  return judgeClientRefusal(run, server, control);
}

function judgePresentation(
  records: readonly ConnectionRecord[],
  trusts: readonly string[],
  seen: string,
  ending: string,
): Judgement {
  const declared = `[${trusts.join(', ')}]`;
  const request = records.find((record) => record.requests.length > 0);
  const deciding = request ?? records.find((record) => record.clientChain.length > 0);
  const leaf = deciding?.clientChain[0];
  if (!deciding || !leaf) {
    return {
      verdict: 'fail',
      reason: `expected a client certificate chaining to ${declared}, but the client presented none: ${seen}; ${ending}`,
    };
  }
  if (!deciding.authorized) {
    return {
      verdict: 'fail',
      reason: `presented ${describeIssuedBy(leaf)}, which does not chain to ${declared} (${deciding.authorizationError ?? 'not verified'}); ${ending}`,
    };
  }
  if (!request) {
    return {
      verdict: 'fail',
      reason: `presented ${describeIssuedBy(leaf)} (chains to ${declared}), but sent no request to a valid server: ${seen}; ${ending}`,
    };
  }
  const sent = request.requests[0]!;
  return {
    verdict: 'pass',
    reason: `presented ${describeIssuedBy(leaf)}, chain of ${request.clientChain.length} to ${declared}, valid ${leaf.notBefore} → ${leaf.notAfter}; sent ${sent.method} ${sent.path} (answered ${sent.status}); ${ending}`,
  };
}
