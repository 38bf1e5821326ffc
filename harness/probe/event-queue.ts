/**
 * Socket events in arrival order, awaited one at a time with a deadline. Listeners are attached once,
 * when the socket is created, so an event that fires between two stages (a TLS 1.3 alert processed in
 * the same read as the server's Finished) is queued, never lost.
 */
export class EventQueue<Event> {
  readonly #events: Event[] = [];
  #waiter: ((event: Event) => void) | undefined;

  push(event: Event): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(event);
    } else {
      this.#events.push(event);
    }
  }

  /**
   * Queues `event` when `signal` aborts (at once if it already has), behind the events already queued.
   * Returns the function that stops listening; call it when the stages are done with the queue.
   */
  pushOnAbort(signal: AbortSignal | undefined, event: Event): () => void {
    if (signal === undefined) return () => undefined;
    const onAbort = (): void => this.push(event);
    if (signal.aborted) {
      onAbort();
      return () => undefined;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }

  /** The next event, or `timedOut` if none arrives before `deadline` (a `performance.now()` value). */
  next(deadline: number, timedOut: Event): Promise<Event> {
    const queued = this.#events.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.#waiter = undefined;
          resolve(timedOut);
        },
        Math.max(0, deadline - performance.now()),
      );
      this.#waiter = (event) => {
        clearTimeout(timer);
        resolve(event);
      };
    });
  }
}
