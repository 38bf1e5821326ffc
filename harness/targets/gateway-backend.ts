import { RecordingBackend } from '../servers/recording-backend.ts';
import type { StartedRecordingBackend } from '../servers/started-recording-backend.ts';
import type { NginxProxyParams } from './render-nginx-proxy.ts';
import type { GatewayBackend, LocalTargetDeclaration } from './target-provider.ts';

/** Where a gateway the harness generates routes the backend probes: any path but /healthcheck would do. */
export const GATEWAY_BACKEND_PATH = '/echo';

/**
 * The recording backend behind a gateway the harness generates for a target that declares `backend:`,
 * started before the gateway so that the gateway's config can name its port; undefined without
 * `backend:`.
 */
export async function startGatewayBackend(
  declaration: LocalTargetDeclaration,
): Promise<StartedRecordingBackend | undefined> {
  return declaration.backend === undefined ? undefined : new RecordingBackend().start();
}

/** The started target's view of its recording backend. */
export function gatewayBackendOf(recording: StartedRecordingBackend): GatewayBackend {
  return { path: GATEWAY_BACKEND_PATH, lookup: (requestId) => recording.lookup(requestId) };
}

/** The generated nginx.conf proxies to the recording backend of a target with `backend:`. */
export function proxyTo(
  backend: StartedRecordingBackend | undefined,
  declaration: LocalTargetDeclaration,
): { proxy?: NginxProxyParams } {
  if (backend === undefined || declaration.backend === undefined) return {};
  return { proxy: { upstream: backend.address, backend: declaration.backend } };
}
