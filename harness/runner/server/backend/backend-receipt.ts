import type { Observation } from '../../../probe/observation.ts';
import { readBackendEcho } from '../../../servers/backend-echo.ts';
import type { BackendRecord } from '../../../servers/backend-records.ts';
import { REQUEST_ID_HEADER } from '../../../scenarios/backend/backend-declaration.ts';
import type { GatewayBackend } from '../../../targets/target-provider.ts';

/** What the backend behind the gateway made of one probe, and how the harness knows. */
export type BackendReceipt =
  | {
      kind: 'received';
      source: 'recording-backend' | 'echo';
      headers: readonly (readonly [string, string])[];
    }
  | { kind: 'not-received' | 'unparsable' | 'unknown'; source?: 'recording-backend' | 'echo'; why: string };

/**
 * The backend's side of a probe carrying `requestId`: the recording backend's record when the harness
 * started the gateway (what it received is then known whatever the gateway answered), else the echo
 * in the answer (docs/backend-identity.md), whose request id must be this probe's.
 */
export function receiptOf(
  requestId: string,
  observation: Observation,
  recorder: GatewayBackend | undefined,
): BackendReceipt {
  return recorder === undefined
    ? fromEcho(requestId, observation)
    : fromRecord(recorder.lookup(requestId), observation);
}

function fromRecord(record: BackendRecord | undefined, observation: Observation): BackendReceipt {
  const source = 'recording-backend';
  if (record === undefined) {
    return {
      kind: 'not-received',
      source,
      why: `the recording backend received nothing: ${answerOf(observation)}`,
    };
  }
  if (record.kind === 'unparsable') {
    return {
      kind: 'unparsable',
      source,
      why: `the backend's HTTP parser refused what the gateway forwarded (${record.code}: ${record.reason}) and answered 400`,
    };
  }
  return { kind: 'received', source, headers: record.headers };
}

function fromEcho(requestId: string, observation: Observation): BackendReceipt {
  const source = 'echo';
  const body = observation.http?.body;
  const echo = body === undefined ? { problem: 'there is no HTTP answer' } : readBackendEcho(body);
  if ('headers' in echo) {
    const idName = REQUEST_ID_HEADER.toLowerCase();
    const echoed = echo.headers.filter(([name]) => name.toLowerCase() === idName).map(([, value]) => value);
    if (echoed.includes(requestId)) return { kind: 'received', source, headers: echo.headers };
    return {
      kind: 'unknown',
      source,
      why:
        echoed.length === 0
          ? `the echo lists no ${REQUEST_ID_HEADER}: the gateway removes it, or the answer is not this request's; let the gateway pass it to the backend`
          : `the echo carries ${REQUEST_ID_HEADER} ${echoed.join(', ')}, not this probe's ${requestId}`,
    };
  }
  if (observation.outcome === 'rejected') {
    return { kind: 'not-received', source, why: `refused before the backend: ${answerOf(observation)}` };
  }
  const status = observation.http?.status;
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      kind: 'not-received',
      source,
      why: `the gateway answered HTTP ${status} without the echo: refused before the backend (${answerOf(observation)})`,
    };
  }
  if (observation.outcome === 'error') {
    return {
      kind: 'unknown',
      source,
      why: `no answer to judge (${observation.reason}); a backend that never answers leaves the gateway without one too`,
    };
  }
  return {
    kind: 'unknown',
    source,
    why: `HTTP ${status ?? '?'} is not the echo contract (${echo.problem}); point backend.path at an endpoint of your backend that answers with it (docs/backend-identity.md)`,
  };
}

/** `HTTP 400 (server answered HTTP 400 "No required SSL certificate was sent" …)` or the probe's reason. */
function answerOf(observation: Observation): string {
  if (observation.http === undefined) return observation.reason;
  return `HTTP ${observation.http.status} (${observation.reason})`;
}
