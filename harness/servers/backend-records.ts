/** One request the recording backend received, or one it could not parse. */
export type BackendRecord =
  | {
      kind: 'request';
      /** The request id header's value, when the request carried one. */
      requestId?: string;
      method: string;
      /** Path and query as received. */
      path: string;
      /** Every header line, in order, names as received: a repeated name is repeated. */
      headers: [string, string][];
      receivedAt: string;
    }
  | {
      /** The HTTP parser refused the request: the backend answered 400 and never saw it as a request. */
      kind: 'unparsable';
      requestId?: string;
      /** Node's parser error code, e.g. `HPE_CR_EXPECTED`, `HPE_HEADER_OVERFLOW`. */
      code: string;
      reason: string;
      receivedAt: string;
    };

/** The records, oldest first, at most `limit` of them; the newest record of each request id is found at once. */
export class BackendRecords {
  readonly #limit: number;
  readonly #records: BackendRecord[] = [];
  readonly #byId = new Map<string, BackendRecord>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(record: BackendRecord): void {
    this.#records.push(record);
    if (record.requestId !== undefined) this.#byId.set(record.requestId, record);
    while (this.#records.length > this.#limit) {
      const dropped = this.#records.shift();
      if (dropped?.requestId !== undefined && this.#byId.get(dropped.requestId) === dropped) {
        this.#byId.delete(dropped.requestId);
      }
    }
  }

  lookup(requestId: string): BackendRecord | undefined {
    return this.#byId.get(requestId);
  }

  get all(): readonly BackendRecord[] {
    return this.#records;
  }
}
