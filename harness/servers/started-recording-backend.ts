import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BackendRecord, BackendRecords } from './backend-records.ts';

export interface StartedRecordingBackendParts {
  server: Server;
  sockets: Set<Socket>;
  records: BackendRecords;
  host: string;
  port: number;
}

/** A listening recording backend. Stop it, or let `await using` do it. */
export class StartedRecordingBackend implements AsyncDisposable {
  readonly #parts: StartedRecordingBackendParts;
  #stopped: Promise<void> | undefined;

  constructor(parts: StartedRecordingBackendParts) {
    this.#parts = parts;
  }

  /** `http://127.0.0.1:PORT`: where a gateway proxies to. */
  get url(): string {
    return `http://${this.#parts.host}:${this.#parts.port}`;
  }

  /** `127.0.0.1:PORT`, as nginx's proxy_pass and upstream blocks name it. */
  get address(): string {
    return `${this.#parts.host}:${this.#parts.port}`;
  }

  get port(): number {
    return this.#parts.port;
  }

  /** Every record kept, oldest first. */
  get records(): readonly BackendRecord[] {
    return this.#parts.records.all;
  }

  /** What the backend received for the request that carried this id; undefined when nothing did. */
  lookup(requestId: string): BackendRecord | undefined {
    return this.#parts.records.lookup(requestId);
  }

  /** Stops listening and closes every connection, so it never waits for a gateway. Idempotent. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise((resolve) => {
      this.#parts.server.close(() => resolve());
      for (const socket of this.#parts.sockets) socket.destroy();
    });
    return this.#stopped;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
