import type { MockServerSetup, RefusedFlaw } from '../../scenarios/client/client-scenario.ts';
import { endedByClient } from '../../servers/connection-ending.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import type { HandshakeProgress } from '../../servers/handshake-progress.ts';
import type { Judgement } from '../judgement.ts';
import { clientEndLine } from './client-run-evidence.ts';
import { connectionEnd, describeConnections, presentedPart } from './describe-client-connections.ts';
import type { ClientRun } from './drive-client-under-test.ts';
import type { ValidServerControl } from './valid-server-control.ts';

/** How every refusal that was not shown starts, whatever the reason. */
const notShownPrefix = 'the client never showed it checks the server';

/**
 * Judges a client that must refuse a flawed server. No request reaching the server is not enough (issue
 * 26): the client must show the refusal, on a connection where it
 * - ended the handshake after the server's certificate was sent (an alert, or a close or reset without
 *   one), or closed right after the handshake without a request (curl and wget check the certificate
 *   or the name only then);
 * - or, for a protocol-version flaw, offered no version the server has;
 * and, in the same run, send its request to a valid server (`control`, only asked for when needed). A
 * client killed at the timeout never counts as refusing: whatever it did, it did not decide.
 */
export async function judgeClientRefusal(
  run: ClientRun,
  server: Pick<MockServerSetup, 'flaw' | 'refuses'>,
  control: () => Promise<ValidServerControl>,
): Promise<Judgement> {
  const ending = clientEndLine(run);
  const request = run.records.find((record) => record.requests.length > 0);
  if (request) {
    const sent = request.requests[0]!;
    return {
      verdict: 'fail',
      reason: `expected the client to refuse, but it sent ${sent.method} ${sent.path} (answered ${sent.status}) over ${request.protocol ?? 'TLS'} to a server ${server.flaw ? `where ${server.flaw}` : 'it was expected to refuse'}; it ${presentedPart(request)}; ${ending}`,
    };
  }
  const notShown = (why: string): Judgement => ({
    verdict: 'fail',
    reason: `${notShownPrefix}: ${why}; ${ending}`,
  });
  if (run.process?.timedOut) {
    const furthest = run.records.map((record) => record.ended?.handshake ?? 'none');
    const reached = progressOrder.findLast((progress) => furthest.includes(progress)) ?? 'none';
    return notShown(
      `it was killed at the timeout, which is no refusal (its connection had got as far as ${reachedWords[reached]})`,
    );
  }
  const refuses = server.refuses ?? 'certificate';
  const refusing = run.records.find((record) => refusalShown(record, refuses));
  if (!refusing) return notShown(whyNotShown(run.records[0]!));
  const valid = await control();
  if (!valid.request) {
    return notShown(
      `it sent no request here (${connectionEnd(refusing)}), nor to ${valid.label} in the same run (${valid.seen}); a client that sends nothing anywhere checks nothing`,
    );
  }
  const shown = describeConnections(run.records, refusing);
  const sent = valid.request.requests[0]!;
  const quiet =
    run.process?.exitCode === 0 ? ' (but it exited 0, so whatever called it would not notice)' : '';
  return {
    verdict: 'pass',
    reason: `refused: ${shown}; ${ending}${quiet}; it sent ${sent.method} ${sent.path} to ${valid.label}`,
  };
}

const progressOrder: readonly HandshakeProgress[] = [
  'none',
  'client-hello',
  'server-certificate',
  'complete',
];
const reachedWords: Record<HandshakeProgress, string> = {
  none: 'nothing sent',
  'client-hello': 'its ClientHello',
  'server-certificate': "the server's certificate",
  complete: 'the completed handshake',
};

// The server's refusals that mean the client offered nothing of what a legacy-only server has.
const versionRefusals = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
  // A client offering TLS 1.0 with only TLS 1.2 cipher suites refuses legacy TLS all the same.
  'ERR_SSL_NO_SHARED_CIPHER',
]);

/** Whether this connection shows the client refusing the flaw (see judgeClientRefusal). */
export function refusalShown(record: ConnectionRecord, refuses: RefusedFlaw): boolean {
  const ended = record.ended;
  if (ended === undefined || record.requests.length > 0) return false;
  const afterCertificate = ended.handshake === 'server-certificate' || ended.handshake === 'complete';
  if (endedByClient.has(ended.how) && ended.how !== 'not-tls' && afterCertificate) return true;
  return (
    refuses === 'protocol-version' &&
    ended.how === 'refusal' &&
    !afterCertificate &&
    versionRefusals.has(record.tlsError ?? '')
  );
}

function whyNotShown(record: ConnectionRecord): string {
  const ended = record.ended;
  const seen = `${presentedPart(record)}; ${connectionEnd(record)}`;
  if (
    ended?.how === 'refusal' &&
    ended.handshake !== 'complete' &&
    ended.handshake !== 'server-certificate'
  ) {
    return `the server refused it before sending its certificate (${connectionEnd(record)}), so it never saw the certificate it should refuse`;
  }
  if (ended?.how === 'stopped')
    return `the connection was still open when the mock server was stopped (${seen})`;
  return seen;
}
