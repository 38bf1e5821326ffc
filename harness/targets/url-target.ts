import type { TargetDeclaration } from '../scenarios/scenario.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import type { StartedTarget, TargetProvider } from './target-provider.ts';

/** An endpoint that already runs (a partner's gateway): nothing is started or stopped. */
export class UrlTargetProvider implements TargetProvider {
  readonly kind = 'url';

  constructor(private readonly declaration: TargetDeclaration) {}

  start(): Promise<StartedTarget> {
    return Promise.resolve(
      new StartedTargetHandle({
        kind: this.kind,
        declaration: this.declaration,
        startMs: 0,
        teardown: () => Promise.resolve(),
      }),
    );
  }
}
