import type { MockServerSetup } from '../../scenarios/client/client-scenario.ts';
import { validServer, validServerAdmittingAnyClient } from '../../scenarios/client/valid-server.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import type { TargetContext } from '../target-context.ts';
import { clientEndLine } from './client-run-evidence.ts';
import { connectionEnd } from './describe-client-connections.ts';
import { runClientAgainst, type ServerRun } from './run-client-against.ts';

/** What the same client did, in the same run, against a server it should accept. */
export interface ValidServerControl {
  /**
   * `the valid server (presents-certificate)`, or `the valid server letting any client in` when that
   * one refused the client's certificate.
   */
  label: string;
  setup: MockServerSetup;
  /** The connection on which it sent its request, when it sent one. */
  request?: ConnectionRecord;
  /** One line: how its first connection ended and how the client ended, or why it could not run. */
  seen: string;
  /** The run, for the report's evidence. Absent when it could not run. */
  run?: ServerRun;
  /** When this is the server letting any client in: presents-certificate's run, which refused the client. */
  refusedRun?: { label: string; setup: MockServerSetup; run: ServerRun };
}

/**
 * The control a refusal is judged against (issue 26): a client that sends its request to a valid
 * server and none to a flawed one has refused the flaw; one that sends none anywhere has shown
 * nothing. It is presents-certificate's run, shared (run-client-against.ts). When that server refused
 * the client's own certificate, the client never had the chance to send its request, so it is tried
 * once more against the same server letting any client in.
 */
export async function validServerControl(context: TargetContext): Promise<ValidServerControl> {
  const first = await controlAgainst(validServer, 'the valid server (presents-certificate)', context);
  const refusedByServer = first.run?.run.records.some(refusedForItsCertificate) ?? false;
  if (first.request || !first.run || !refusedByServer || context.signal?.aborted) return first;
  const second = await controlAgainst(
    validServerAdmittingAnyClient,
    'the valid server letting any client in',
    context,
  );
  return { ...second, refusedRun: { label: first.label, setup: first.setup, run: first.run } };
}

/**
 * The valid server refused the client for its certificate, or for presenting none: not for a TLS
 * version or cipher suites (the server letting any client in offers the same), which Node reports as
 * an error before any certificate was asked for.
 */
function refusedForItsCertificate(record: ConnectionRecord): boolean {
  return (
    record.verdict === 'rejected' &&
    (record.tlsError === undefined || record.tlsError === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE')
  );
}

async function controlAgainst(
  setup: MockServerSetup,
  label: string,
  context: TargetContext,
): Promise<ValidServerControl> {
  const outcome = await runClientAgainst(setup, context, `${label}, the control of the refuses-* scenarios`);
  if (typeof outcome === 'string') return { label, setup, seen: outcome };
  const { records } = outcome.run;
  const request = records.find((record) => record.requests.length > 0);
  return {
    label,
    setup,
    ...(request ? { request } : {}),
    seen: `${records[0] ? connectionEnd(records[0]) : 'no connection'}; ${clientEndLine(outcome.run)}`,
    run: outcome,
  };
}
