import type { TargetDeclaration } from '../scenarios/scenario.ts';

/** Where a target comes from, as the config's `provider` field names it. */
export type ProviderKind = 'url' | 'mock' | 'nginx' | 'openssl' | 'container' | 'apache' | 'haproxy' | 'java';

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
  /** Stops the target and waits until its process or container is gone. Safe to call twice. */
  stop(): Promise<void>;
}
