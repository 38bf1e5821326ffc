import type { Expectation } from '../../report/run-results.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import { clientEndLine, connectionEnd } from './client-run-evidence.ts';
import type { ClientRun } from './drive-client-under-test.ts';
import type { Judgement } from '../judgement.ts';
import { describeIssuedBy } from '../../pki/describe-issued-by.ts';

/**
 * Judges a client under test from what the scenario's server recorded and how the client ended:
 * - `accepted`: it presented a certificate that chains to `trusts` and sent its request;
 * - `refused-by-client` (or `rejected`, from a config override): no request reached the server;
 * - `informational`: reported, whatever happened.
 * A client that never connected has shown nothing, so it fails every judged expectation: otherwise a
 * broken command line would pass every refuses-* scenario.
 */
export function judgeClientRun(
  expected: Expectation,
  run: ClientRun,
  trusts: readonly string[],
  flaw: string | undefined,
): Judgement {
  const ending = clientEndLine(run);
  const request = run.records.find((record) => record.requests.length > 0);
  const presenting = run.records.find((record) => record.clientChain.length > 0);
  const seen = describeConnections(run.records, request, presenting);
  if (expected === 'informational') return { verdict: 'pass', reason: `reported only: ${seen}; ${ending}` };
  if (run.records.length === 0) {
    return { verdict: 'fail', reason: `expected ${expected}, but the client never connected (${ending})` };
  }
  if (expected === 'accepted') return judgePresentation(request, presenting, trusts, seen, ending);
  if (request) {
    const sent = request.requests[0]!;
    return {
      verdict: 'fail',
      reason: `expected the client to refuse, but it sent ${sent.method} ${sent.path} (answered ${sent.status}) over ${request.protocol ?? 'TLS'} to a server ${flaw ? `where ${flaw}` : 'it was expected to refuse'}; it ${presentedPart(request)}; ${ending}`,
    };
  }
  const quiet =
    run.process?.exitCode === 0 ? ' (but it exited 0, so whatever called it would not notice)' : '';
  return { verdict: 'pass', reason: `refused: ${seen}; ${ending}${quiet}` };
}

function judgePresentation(
  request: ConnectionRecord | undefined,
  presenting: ConnectionRecord | undefined,
  trusts: readonly string[],
  seen: string,
  ending: string,
): Judgement {
  const declared = `[${trusts.join(', ')}]`;
  const deciding = request ?? presenting;
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

/** `1 connection: presented no certificate; the client ended the handshake with TLS alert unknown_ca`. */
function describeConnections(
  records: readonly ConnectionRecord[],
  request: ConnectionRecord | undefined,
  presenting: ConnectionRecord | undefined,
): string {
  if (records.length === 0) return 'no connection';
  const deciding = request ?? presenting ?? records[0]!;
  const count = records.length === 1 ? '1 connection' : `${records.length} connections`;
  const what = request
    ? `sent ${request.requests.map((sent) => `${sent.method} ${sent.path} → ${sent.status}`).join(', ')}`
    : connectionEnd(deciding);
  return `${count}: ${presentedPart(deciding)}; ${what}`;
}

function presentedPart(record: ConnectionRecord): string {
  const leaf = record.clientChain[0];
  return leaf ? `presented ${describeIssuedBy(leaf)}` : 'presented no certificate';
}
