import { randomBytes } from 'node:crypto';
import type { Observation } from '../../../probe/observation.ts';
import { probeOf } from '../../probe-of.ts';
import { readBackendEcho } from '../../../servers/backend-echo.ts';
import {
  REQUEST_ID_HEADER,
  type BackendDeclaration,
} from '../../../scenarios/backend/backend-declaration.ts';
import type { TargetContext } from '../../target-context.ts';
import type { PresentedIdentity } from '../../resolve-presentation.ts';
import { receiptOf, type BackendReceipt } from './backend-receipt.ts';

// An echo of every header, a forged 7 KB one and two certificates among them, fits with room to spare.
const echoBodyBytes = 1024 * 1024;

/** One probe through the gateway and what the backend behind it received. */
export interface BackendExchange {
  requestId: string;
  /** The URL probed: the gateway's path to the backend. */
  url: string;
  presented: PresentedIdentity | undefined;
  /** The header lines the client forged, in the order sent. */
  forged: readonly (readonly [string, string])[];
  observation: Observation;
  receipt: BackendReceipt;
}

/**
 * Sends one request through the gateway to the backend, presenting `presented` (or nothing) and the
 * `forged` header lines as given (repeated names, folded values), with a fresh request id; then learns
 * what the backend received: from the recording backend, or from the echo of a backend of yours.
 */
export async function exchangeThroughGateway(
  context: TargetContext,
  backend: BackendDeclaration,
  presented: PresentedIdentity | undefined,
  forged: readonly (readonly [string, string])[],
): Promise<BackendExchange> {
  const requestId = randomBytes(12).toString('hex');
  const url = backendUrl(context, backend);
  const observation = await probeOf(context)({
    url,
    ...(presented ? { identity: presented.identity } : {}),
    headerLines: [[REQUEST_ID_HEADER, requestId], ...forged],
    maxBodyBytes: echoBodyBytes,
    // The CertificateRequest is the catalogue's business; reading it here would cost a handshake per probe.
    acceptableCaNames: 'skip',
    ...(context.serverTrust ? { serverTrustPem: context.serverTrust.pem } : {}),
    ...(context.servername ? { servername: context.servername } : {}),
    timeouts: context.timeouts,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return {
    requestId,
    url,
    presented,
    forged,
    observation: withoutEcho(observation),
    receipt: receiptOf(requestId, observation, context.backend),
  };
}

/**
 * The observation as reports keep it: an echo body lists every header the backend received, and a
 * gateway may add secrets of its own, so it is left out (the backend evidence shows the identity
 * headers). Any other body (a gateway's refusal page) stays.
 */
function withoutEcho(observation: Observation): Observation {
  const http = observation.http;
  if (http?.body === undefined || 'problem' in readBackendEcho(http.body)) return observation;
  const { body: _body, ...kept } = http;
  return {
    ...observation,
    http: {
      ...kept,
      bodyExcerpt: '(the echo of the headers the backend received: see the backend evidence)',
    },
  };
}

/**
 * `backend.path` on the target's origin; else the path the harness's gateway routes to its recording
 * backend; else the target URL itself (your gateway, whose URL is then the echo endpoint).
 */
export function backendUrl(context: TargetContext, backend: BackendDeclaration): string {
  const path = backend.path ?? context.backend?.path;
  return path === undefined ? context.declaration.url : new URL(path, context.declaration.url).href;
}
