import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { GatewayBackend, ProviderKind, StartedTarget, TargetOcspResponder } from './target-provider.ts';

export interface StartedTargetFields {
  kind: ProviderKind;
  declaration: TargetDeclaration;
  startMs: number;
  generatedConfigPath?: string;
  backend?: GatewayBackend;
  ocsp?: TargetOcspResponder;
  /** Stops what was started and removes its files; called at most once. */
  teardown: () => Promise<void>;
}

/** The StartedTarget every provider returns: stop() runs the provider's teardown exactly once. */
export class StartedTargetHandle implements StartedTarget {
  readonly kind: ProviderKind;
  readonly name: string;
  readonly url: string;
  readonly declaration: TargetDeclaration;
  readonly startMs: number;
  readonly generatedConfigPath?: string;
  readonly backend?: GatewayBackend;
  readonly ocsp?: TargetOcspResponder;
  readonly #teardown: () => Promise<void>;
  #stopped: Promise<void> | undefined;

  constructor(fields: StartedTargetFields) {
    this.kind = fields.kind;
    this.name = fields.declaration.name;
    this.url = fields.declaration.url;
    this.declaration = fields.declaration;
    this.startMs = fields.startMs;
    if (fields.generatedConfigPath !== undefined) this.generatedConfigPath = fields.generatedConfigPath;
    if (fields.backend !== undefined) this.backend = fields.backend;
    if (fields.ocsp !== undefined) this.ocsp = fields.ocsp;
    this.#teardown = fields.teardown;
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#teardown();
    return this.#stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
