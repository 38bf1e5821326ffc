import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { BackendRecord } from '../servers/backend-records.ts';
import type { OcspExchange, OcspResponderFault } from '../servers/ocsp-responder.ts';

import type { ProviderKind } from './provider-kind.ts';

export type { ProviderKind } from './provider-kind.ts';

/** The declaration of a target the harness starts itself: its URL is known only once it listens. */
export type LocalTargetDeclaration = Omit<TargetDeclaration, 'url'>;

/** Brings one target up. `start()` resolves once the target answers TLS on its port. */
export interface TargetProvider {
  readonly kind: ProviderKind;
  start(): Promise<StartedTarget>;
}

/** A target that is up. Disposing it (`await using`) stops it and removes everything it left behind. */
export interface StartedTarget extends AsyncDisposable {
  readonly kind: ProviderKind;
  readonly name: string;
  /** Where the probes go, e.g. `https://127.0.0.1:40123/healthcheck`. */
  readonly url: string;
  /** The declaration with `url` filled in: the basis of every expectation. */
  readonly declaration: TargetDeclaration;
  /** Milliseconds from `start()` until the target answered TLS (0 for a `url` target). */
  readonly startMs: number;
  /**
   * The config the target runs, as the harness generated it: nginx.conf (nginx, container), httpd.conf
   * (apache), haproxy.cfg (haproxy), jsse-server.properties (java). It stays readable until `stop()`.
   */
  readonly generatedConfigPath?: string;
  /** The recording backend behind a gateway the harness generated for a target with `backend:`. */
  readonly backend?: GatewayBackend;
  /** The harness's OCSP responder the target asks, for a target it started that declares `revocation.ocsp`. */
  readonly ocsp?: TargetOcspResponder;
  /** Stops the target and waits until its process or container is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/** The application the harness started behind a gateway it generated: where it is routed, what it got. */
export interface GatewayBackend {
  /** The path on the gateway that reaches the recording backend: where the backend probes go. */
  readonly path: string;
  /** What the recording backend received for the request carrying this request id, if anything. */
  lookup(requestId: string): BackendRecord | undefined;
}

/** The OCSP responder behind a target: where it is, the faults it can play, what it answered. */
export interface TargetOcspResponder {
  readonly url: string;
  setFault(fault: OcspResponderFault, serialNumber?: string): void;
  exchanges(): readonly OcspExchange[];
}
