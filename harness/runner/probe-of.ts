import type { ProbeExecutor } from '../probe/probe-executor.ts';
import { probeTarget } from '../probe/probe-target.ts';
import type { TargetContext } from './target-context.ts';

/** How a scenario sends its probes: on the run's worker threads when it has some, else in this thread. */
export function probeOf(context: TargetContext): ProbeExecutor {
  return context.probe ?? probeTarget;
}
