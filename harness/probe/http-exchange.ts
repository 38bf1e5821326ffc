import { classifyPostHandshakeError } from './classify-tls-error.ts';
import { interruptedVerdict } from './interrupted-verdict.ts';
import { HttpResponseParser, type HttpResponseHead } from './http-response-parser.ts';
import type { TlsConnection } from './tls-connection.ts';
import type { Verdict } from './verdict.ts';

export type HttpExchangeResult =
  | {
      answered: true;
      head: HttpResponseHead;
      body: Buffer;
      bodyTruncated: boolean;
      /** Why the body is incomplete (reset, timeout), when it is. The head alone still classifies. */
      cutShort?: string;
    }
  | { answered: false; verdict: Verdict };

export interface HttpExchangeOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  /** False for HEAD, whose response has no body. */
  expectsBody: boolean;
}

/**
 * Sends the request and waits for the server's answer. Under TLS 1.3 that answer may be a late alert
 * or a reset instead of a response (RFC 8446 §4.4.2): with no response byte yet, that is the
 * server's refusal, at stage `after-handshake`. Never throws.
 */
export async function exchangeHttp(
  connection: TlsConnection,
  request: Buffer,
  options: HttpExchangeOptions,
): Promise<HttpExchangeResult> {
  const deadline = performance.now() + options.timeoutMs;
  const parser = new HttpResponseParser(options.maxBodyBytes, options.expectsBody);
  // A write error (EPIPE after a TLS 1.3 refusal) arrives as an 'error' event like any other.
  connection.socket.write(request);
  for (;;) {
    const event = await connection.events.next(deadline, { type: 'timeout' });
    switch (event.type) {
      case 'data':
        parser.push(event.chunk);
        if (parser.state === 'complete') return answered(parser);
        if (parser.state === 'invalid') return invalid(parser);
        continue;
      case 'secureConnect':
        continue;
      case 'end':
      case 'close':
        parser.end();
        if (parser.state === 'complete') return answered(parser);
        if (parser.state === 'invalid') return invalid(parser);
        return cutShort(
          parser,
          'the server closed the connection mid-response',
          classifyPostHandshakeError('closed'),
        );
      case 'error':
        return cutShort(
          parser,
          `the connection failed mid-response (${event.error.message})`,
          classifyPostHandshakeError(event.error),
        );
      // Even with the response head in hand: a cancelled probe reports nothing about the server.
      case 'aborted':
        return { answered: false, verdict: interruptedVerdict('http') };
      case 'timeout':
        return cutShort(parser, `no complete response within ${options.timeoutMs} ms`, {
          outcome: 'error',
          stage: 'http',
          reason: `no HTTP response within ${options.timeoutMs} ms of sending the request`,
        });
    }
  }
}

function answered(parser: HttpResponseParser, cutShortReason?: string): HttpExchangeResult {
  if (!parser.head) throw new Error('answered() needs a parsed response head');
  return {
    answered: true,
    head: parser.head,
    body: parser.body,
    bodyTruncated: parser.bodyTruncated,
    ...(cutShortReason !== undefined && { cutShort: cutShortReason }),
  };
}

function invalid(parser: HttpResponseParser): HttpExchangeResult {
  return {
    answered: false,
    verdict: { outcome: 'error', stage: 'http', reason: parser.invalidReason ?? 'invalid HTTP response' },
  };
}

/**
 * The connection stopped before a complete response. With the head in hand the status still decides;
 * with nothing at all the server's silence (or alert, or reset) is the verdict; with half a head the
 * probe cannot decide.
 */
function cutShort(parser: HttpResponseParser, why: string, nothingReceived: Verdict): HttpExchangeResult {
  if (parser.head) return answered(parser, why);
  if (parser.bytesReceived === 0) return { answered: false, verdict: nothingReceived };
  return {
    answered: false,
    verdict: { outcome: 'error', stage: 'http', reason: `incomplete HTTP response head: ${why}` },
  };
}
