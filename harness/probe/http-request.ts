import { HarnessError } from '../common/harness-error.ts';
import type { ProbeEndpoint } from './probe-endpoint.ts';

export interface HttpRequestOptions {
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  headerLines?: readonly (readonly [string, string])[] | undefined;
  body?: string | Buffer | undefined;
}

// RFC 9110 §5.6.2: methods and field names are tokens.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Framing is the probe's: one request, `Connection: close`, the body's exact length.
const framingHeaders = new Set(['connection', 'content-length', 'transfer-encoding']);
// RFC 9112 §5.2: obs-fold is a line break followed by at least one space or tab, which continues the
// field value on the next line. Any other CR, LF or NUL would end the field and start another line.
const obsFold = /\r\n[ \t]+/g;

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
    checkHeader(name, value, false);
    set(name, value);
  }
  // Sent as given after the others: a name may repeat, and a value may fold onto several lines.
  const lines = (options.headerLines ?? []).map(([name, value]) => {
    checkHeader(name, value, true);
    return `${name}: ${value}`;
  });
  set('Connection', 'close');
  if (body !== undefined) set('Content-Length', String(body.length));
  const head = [
    `${method} ${endpoint.path} HTTP/1.1`,
    ...[...headers.values()].map(([n, v]) => `${n}: ${v}`),
    ...lines,
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), body ?? Buffer.alloc(0)]);
}

function checkHeader(name: string, value: string, foldAllowed: boolean): void {
  if (!token.test(name)) {
    throw new HarnessError(
      `Cannot send header ${JSON.stringify(name)}. A header name is a token (letters, digits, -).`,
    );
  }
  const unfolded = foldAllowed ? value.replace(obsFold, ' ') : value;
  if (/[\r\n\0]/.test(unfolded)) {
    const what = foldAllowed
      ? 'a line break that is not an obs-fold (CRLF followed by a space or tab), or NUL'
      : 'a line break or NUL';
    throw new HarnessError(`Cannot send header ${name}. Its value contains ${what}.`);
  }
  if (framingHeaders.has(name.toLowerCase())) {
    throw new HarnessError(
      `Cannot send header ${name}. The probe sets Connection, Content-Length and Transfer-Encoding itself; leave it out.`,
    );
  }
}
