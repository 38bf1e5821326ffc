import type { Server, Socket } from 'node:net';
import type { ConnectionLog } from './connection-log.ts';
import type { ConnectionRecord } from './connection-record.ts';

export interface StartedMockMtlsServerParts {
  server: Server;
  /** Every open socket, raw and TLS, so that stop() can close them. */
  sockets: Set<Socket>;
  log: ConnectionLog;
  host: string;
  port: number;
  url: string;
  warnings: readonly string[];
  markStopping(): void;
}

/** A listening mock mTLS server. Stop it, or let `await using` do it. */
export class StartedMockMtlsServer implements AsyncDisposable {
  readonly #parts: StartedMockMtlsServerParts;
  #stopped: Promise<void> | undefined;

  constructor(parts: StartedMockMtlsServerParts) {
    this.#parts = parts;
  }

  /** `https://127.0.0.1:PORT`. */
  get url(): string {
    return this.#parts.url;
  }

  get host(): string {
    return this.#parts.host;
  }

  get port(): number {
    return this.#parts.port;
  }

  /** The warnings given at start (also sent to the warning listener). */
  get warnings(): readonly string[] {
    return this.#parts.warnings;
  }

  /** One record per connection whose verdict is reached, in that order. */
  get connections(): readonly ConnectionRecord[] {
    return this.#parts.log.records;
  }

  /**
   * Sockets (raw and TLS) still open: 0 once every client has gone and the server has read all it
   * sent, so every record is final. A suite that runs a client process waits for 0 after it exits.
   */
  get openSocketCount(): number {
    return this.#parts.sockets.size;
  }

  /** Resolves with the records once `count` connections have a verdict; a HarnessError after `timeoutMs`. */
  waitForConnections(count: number, timeoutMs = 5000): Promise<readonly ConnectionRecord[]> {
    return this.#parts.log.waitFor(count, timeoutMs, this.url);
  }

  /** Stops listening and destroys every open connection, so it never waits for a client. Idempotent. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise((resolve) => {
      this.#parts.markStopping();
      this.#parts.server.close(() => resolve());
      for (const socket of this.#parts.sockets) socket.destroy();
    });
    return this.#stopped;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
