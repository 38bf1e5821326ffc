import { HarnessError } from '../common/harness-error.ts';
import type { ProbeEndpoint } from './probe-endpoint.ts';

export interface HttpRequestOptions {
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | Buffer | undefined;
}

// RFC 9110 §5.6.2: methods and field names are tokens.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Framing is the probe's: one request, `Connection: close`, the body's exact length.
const framingHeaders = new Set(['connection', 'content-length', 'transfer-encoding']);

/** The bytes of one HTTP/1.1 request. Throws a HarnessError for a method or header that isn't valid. */
export function formatHttpRequest(endpoint: ProbeEndpoint, options: HttpRequestOptions): Buffer {
  const method = options.method ?? 'GET';
  if (!token.test(method)) {
    throw new HarnessError(
      `Cannot send method ${JSON.stringify(method)}. An HTTP method is a token such as GET or POST.`,
    );
  }
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string): void => void headers.set(name.toLowerCase(), [name, value]);
  set('Host', endpoint.hostHeader);
  set('User-Agent', 'mtls-conformance-probe');
  set('Accept', '*/*');
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!token.test(name)) {
      throw new HarnessError(
        `Cannot send header ${JSON.stringify(name)}. A header name is a token (letters, digits, -).`,
      );
    }
    if (/[\r\n\0]/.test(value)) {
      throw new HarnessError(`Cannot send header ${name}. Its value contains a line break or NUL.`);
    }
    if (framingHeaders.has(name.toLowerCase())) {
      throw new HarnessError(
        `Cannot send header ${name}. The probe sets Connection, Content-Length and Transfer-Encoding itself; leave it out.`,
      );
    }
    set(name, value);
  }
  set('Connection', 'close');
  if (body !== undefined) set('Content-Length', String(body.length));
  const head = [
    `${method} ${endpoint.path} HTTP/1.1`,
    ...[...headers.values()].map(([n, v]) => `${n}: ${v}`),
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), body ?? Buffer.alloc(0)]);
}
