import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HarnessError } from '../common/harness-error.ts';
import { headerPairs, type BackendEcho } from './backend-echo.ts';
import { BackendRecords, type BackendRecord } from './backend-records.ts';
import { isLoopbackHost } from './loopback-host.ts';
import { StartedRecordingBackend } from './started-recording-backend.ts';

/** Node's default is 16 KiB; a witness takes more, so that it records what a lax gateway passes on. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * The application behind a gateway under test: a plain HTTP server on 127.0.0.1 that records every
 * request it receives (each header line as received, matched later by the request id header) and
 * answers with the echo contract (backend-echo.ts). A request it cannot parse (a header value with a
 * bare line feed, an obs-fold) is recorded as `unparsable` with the parser's error, and answered 400.
 *
 * ```ts
 * await using backend = await new RecordingBackend().start();
 * // proxy a gateway to backend.url, probe it, then: backend.lookup(requestId)
 * ```
 */
export class RecordingBackend {
  #host = '127.0.0.1';
  #port = 0;
  #maxRecords = 1000;
  #requestIdHeader = 'x-mtlsc-request-id';

  /** The address to listen on. Default `127.0.0.1`; only loopback addresses are allowed. */
  withHost(host: string): this {
    if (!isLoopbackHost(host)) {
      throw new HarnessError(
        `Cannot listen on ${host}. The recording backend records every header it receives, so it listens on loopback only; use 127.0.0.1.`,
      );
    }
    this.#host = host;
    return this;
  }

  /** The port. Default 0: a free port chosen by the system. */
  withPort(port: number): this {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new HarnessError(
        `Cannot set the port. ${port} is not an integer from 0 to 65535; use 0 for any free port.`,
      );
    }
    this.#port = port;
    return this;
  }

  /** How many requests are kept, oldest dropped first, so a long run stays flat in memory. Default 1000. */
  withMaxRecords(count: number): this {
    if (!Number.isInteger(count) || count < 1) {
      throw new HarnessError(`Cannot keep ${count} records. Give a whole number of at least 1.`);
    }
    this.#maxRecords = count;
    return this;
  }

  /** The header that names each request. Default `X-Mtlsc-Request-Id`, the one the backend probes send. */
  withRequestIdHeader(name: string): this {
    this.#requestIdHeader = name.toLowerCase();
    return this;
  }

  async start(): Promise<StartedRecordingBackend> {
    const records = new BackendRecords(this.#maxRecords);
    const idHeader = this.#requestIdHeader;
    const sockets = new Set<Socket>();
    const server = createServer(
      { maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false },
      (request, response) => record(request, response, records, idHeader),
    );
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
      const raw = error.rawPacket?.toString('latin1') ?? '';
      const requestId = findRequestId(raw, idHeader);
      records.add({
        kind: 'unparsable',
        ...(requestId === undefined ? {} : { requestId }),
        code: error.code ?? 'ERR',
        reason: error.message,
        receivedAt: new Date().toISOString(),
      });
      if (socket.writable) {
        const body = JSON.stringify({ error: 'unparsable request', code: error.code ?? 'ERR' });
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      } else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new HarnessError(
            `Cannot start the recording backend on ${this.#host}:${this.#port}: ${error.code ?? error.message}. Use port 0 for any free port.`,
            { cause: error },
          ),
        ),
      );
      server.listen(this.#port, this.#host, () => resolve());
    });
    const port = (server.address() as { port: number }).port;
    return new StartedRecordingBackend({ server, sockets, records, host: this.#host, port });
  }
}

function record(
  request: IncomingMessage,
  response: ServerResponse,
  records: BackendRecords,
  idHeader: string,
): void {
  const headers = headerPairs(request.rawHeaders);
  const requestId = headers.find(([name]) => name.toLowerCase() === idHeader)?.[1];
  const entry: BackendRecord = {
    kind: 'request',
    ...(requestId === undefined ? {} : { requestId }),
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers,
    receivedAt: new Date().toISOString(),
  };
  records.add(entry);
  // The body is not kept: the identity travels in headers. Drained so the connection can close cleanly.
  request.resume();
  const echo: BackendEcho = { requestId: requestId ?? null, headers };
  const body = JSON.stringify(echo);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

// The raw bytes of a request the parser gave up on still carry its id, unless the id header came after
// the bytes that failed.
function findRequestId(raw: string, idHeader: string): string | undefined {
  const escaped = idHeader.replace(/[-]/g, '\\-');
  return new RegExp(`(?:^|\\r?\\n)${escaped}:[ \\t]*([^\\r\\n]+)`, 'i').exec(raw)?.[1]?.trim();
}
