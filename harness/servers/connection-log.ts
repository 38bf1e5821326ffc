import { HarnessError } from '../common/harness-error.ts';
import type { ConnectionRecord } from './connection-record.ts';

/** The records of a server's connections, in the order their verdicts were reached, and waits on them. */
export class ConnectionLog {
  readonly #records: ConnectionRecord[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #onRecord: ((record: ConnectionRecord) => void) | undefined;
  #nextId = 1;

  constructor(onRecord?: (record: ConnectionRecord) => void) {
    this.#onRecord = onRecord;
  }

  /** Numbers connections in the order they were accepted. */
  nextId(): number {
    return this.#nextId++;
  }

  publish(record: ConnectionRecord): void {
    this.#records.push(record);
    this.#onRecord?.(record);
    for (const wake of this.#waiters) wake();
  }

  get records(): readonly ConnectionRecord[] {
    return [...this.#records];
  }

  /** Resolves with the records once there are at least `count`; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number, serverUrl: string): Promise<readonly ConnectionRecord[]> {
    if (this.#records.length >= count) return Promise.resolve(this.records);
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        if (this.#records.length < count) return;
        settle();
        resolve(this.records);
      };
      const timer = setTimeout(() => {
        settle();
        reject(
          new HarnessError(
            `Timed out after ${timeoutMs} ms waiting for ${count} connection(s) to the mock mTLS server at ${serverUrl}: ` +
              `${this.#records.length} arrived. Check that the client under test was pointed at this URL.`,
          ),
        );
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      this.#waiters.add(wake);
    });
  }
}
