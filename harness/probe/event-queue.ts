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
