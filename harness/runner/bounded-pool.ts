/**
 * Runs tasks with at most `concurrency` in flight. Each caller keeps its own promise, so results keep
 * the order of submission whatever finished first and reports stay stable. `stop()` makes tasks not
 * yet started resolve to `undefined` (an interrupted run reports them as not run) while those in
 * flight finish.
 */
export class BoundedPool {
  private running = 0;
  private stopped = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
    }
  }

  /** Schedules a task; resolves with its result, or undefined when the pool stopped before it started. */
  async submit<T>(task: () => Promise<T>): Promise<T | undefined> {
    await this.acquireSlot();
    try {
      if (this.stopped) return undefined;
      return await task();
    } finally {
      this.releaseSlot();
    }
  }

  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private acquireSlot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  // A finishing task hands its slot straight to the next waiter, so no newcomer can slip in between.
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
