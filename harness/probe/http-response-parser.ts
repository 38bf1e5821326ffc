/** The status line and headers of a response. Header names lower-cased; repeated ones joined by `, `. */
export interface HttpResponseHead {
  httpVersion: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
}

export type ParserState = 'head' | 'body' | 'complete' | 'invalid';

// A response head larger than this is not one a probe needs to read (nginx's default
// large_client_header_buffers is 8 KiB per line).
const maxHeadBytes = 64 * 1024;

/**
 * Incremental HTTP/1.1 response parser for one response on a `Connection: close` socket: reads the
 * head, skips interim 1xx responses, then frames the body by Transfer-Encoding: chunked, by
 * Content-Length, or by the end of the connection (RFC 9112 §6.3), keeping at most `maxBodyBytes`.
 */
export class HttpResponseParser {
  state: ParserState = 'head';
  head: HttpResponseHead | undefined;
  invalidReason: string | undefined;
  bytesReceived = 0;
  bodyTruncated = false;
  readonly #maxBodyBytes: number;
  readonly #expectsBody: boolean;
  #pending: Buffer = Buffer.alloc(0);
  readonly #body: Buffer[] = [];
  #bodyLength = 0;
  #framing: { kind: 'length'; remaining: number } | { kind: 'chunked'; chunk: ChunkState } | { kind: 'eof' } =
    {
      kind: 'eof',
    };

  /** `expectsBody: false` for a response to HEAD, which has none whatever its headers say. */
  constructor(maxBodyBytes: number, expectsBody = true) {
    this.#maxBodyBytes = maxBodyBytes;
    this.#expectsBody = expectsBody;
  }

  get body(): Buffer {
    return Buffer.concat(this.#body);
  }

  push(chunk: Buffer): void {
    this.bytesReceived += chunk.length;
    if (this.state === 'complete' || this.state === 'invalid') return;
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#advance();
  }

  /** The connection ended: completes an EOF-framed body; anything else still open is incomplete. */
  end(): void {
    if (this.state === 'body' && this.#framing.kind === 'eof') this.state = 'complete';
  }

  #advance(): void {
    while (this.state === 'head') {
      const end = this.#pending.indexOf('\r\n\r\n');
      if (end === -1) {
        if (this.#pending.length > maxHeadBytes)
          this.#invalid(`the response head exceeds ${maxHeadBytes} bytes`);
        else if (!/^(H(T(T(P(\/)?)?)?)?)?$/.test(this.#pending.subarray(0, 5).toString('latin1'))) {
          this.#invalid(
            `the server's answer is not HTTP/1.x: ${JSON.stringify(this.#pending.subarray(0, 40).toString('latin1'))}`,
          );
        }
        return;
      }
      const head = parseHead(this.#pending.subarray(0, end).toString('latin1'));
      this.#pending = this.#pending.subarray(end + 4);
      if (typeof head === 'string') return this.#invalid(head);
      // RFC 9110 §15.2: interim responses precede the final one; 101 would switch protocols.
      if (head.status >= 100 && head.status < 200 && head.status !== 101) continue;
      this.head = head;
      this.#startBody(head);
    }
    if (this.state === 'body') this.#readBody();
  }

  #startBody(head: HttpResponseHead): void {
    const noBody = !this.#expectsBody || head.status === 204 || head.status === 304 || head.status === 101;
    const transferEncoding = head.headers['transfer-encoding']?.toLowerCase() ?? '';
    const contentLength = head.headers['content-length'];
    if (noBody) this.#framing = { kind: 'length', remaining: 0 };
    else if (/(^|,)\s*chunked\s*$/.test(transferEncoding))
      this.#framing = { kind: 'chunked', chunk: { phase: 'size', remaining: 0 } };
    else if (contentLength !== undefined && /^\d+$/.test(contentLength.trim())) {
      this.#framing = { kind: 'length', remaining: Number(contentLength.trim()) };
    } else this.#framing = { kind: 'eof' };
    this.state = 'body';
  }

  #readBody(): void {
    const framing = this.#framing;
    if (framing.kind === 'eof') {
      this.#keep(this.#pending);
      this.#pending = Buffer.alloc(0);
    } else if (framing.kind === 'length') {
      const take = this.#pending.subarray(0, framing.remaining);
      framing.remaining -= take.length;
      this.#keep(take);
      this.#pending = this.#pending.subarray(take.length);
      if (framing.remaining === 0) this.state = 'complete';
    } else {
      this.#readChunks(framing.chunk);
    }
    if (this.state === 'body' && this.#bodyLength >= this.#maxBodyBytes && this.bodyTruncated) {
      this.state = 'complete';
    }
  }

  // RFC 9112 §7.1: chunk-size [ext] CRLF data CRLF ... 0 CRLF [trailers] CRLF.
  #readChunks(chunk: ChunkState): void {
    for (;;) {
      if (chunk.phase === 'data') {
        const take = this.#pending.subarray(0, chunk.remaining);
        chunk.remaining -= take.length;
        this.#keep(take);
        this.#pending = this.#pending.subarray(take.length);
        if (chunk.remaining > 0) return;
        chunk.phase = 'data-end';
        continue;
      }
      const lineEnd = this.#pending.indexOf('\r\n');
      if (lineEnd === -1) {
        // Without a bound, a size line that never ends would grow #pending (and its copies) until the
        // response timeout: the same limit as for the head.
        if (this.#pending.length > maxHeadBytes)
          this.#invalid(`a line of the chunked body exceeds ${maxHeadBytes} bytes`);
        return;
      }
      const line = this.#pending.subarray(0, lineEnd).toString('latin1');
      this.#pending = this.#pending.subarray(lineEnd + 2);
      if (chunk.phase === 'data-end') {
        if (line !== '') return this.#invalid('a chunk of the chunked body is not followed by CRLF');
        chunk.phase = 'size';
      } else if (chunk.phase === 'trailers') {
        if (line === '') {
          this.state = 'complete';
          return;
        }
      } else {
        const size = /^([0-9a-fA-F]+)\s*(;.*)?$/.exec(line)?.[1];
        if (size === undefined)
          return this.#invalid(`bad chunk size line ${JSON.stringify(line.slice(0, 40))}`);
        chunk.remaining = Number.parseInt(size, 16);
        chunk.phase = chunk.remaining === 0 ? 'trailers' : 'data';
      }
    }
  }

  #keep(bytes: Buffer): void {
    const room = this.#maxBodyBytes - this.#bodyLength;
    if (bytes.length > room) this.bodyTruncated = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    if (kept.length > 0) {
      this.#body.push(kept);
      this.#bodyLength += kept.length;
    }
  }

  #invalid(reason: string): void {
    this.state = 'invalid';
    this.invalidReason = reason;
  }
}

interface ChunkState {
  phase: 'size' | 'data' | 'data-end' | 'trailers';
  remaining: number;
}

function parseHead(text: string): HttpResponseHead | string {
  const [statusLine = '', ...lines] = text.split(/\r?\n/);
  const match = /^(HTTP\/1\.[01]) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) return `the server's answer is not HTTP/1.x: ${JSON.stringify(statusLine.slice(0, 40))}`;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed response header line ${JSON.stringify(line.slice(0, 40))}`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { httpVersion: match[1] ?? '', status: Number(match[2]), statusText: match[3] ?? '', headers };
}
