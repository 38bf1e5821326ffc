import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';

/** What the echo server received: every request's method, path and headers as sent. */
export interface EchoedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

export interface StartedEchoServer {
  url: string;
  /** TCP connections accepted, TLS or not: a run's reachability check counts too. */
  connectionCount(): number;
  requests: EchoedRequest[];
  /** The access tokens its /token route issued. */
  issuedTokens: string[];
  close(): Promise<void>;
}

/** Where the probe cuts what it keeps: the excerpt and the body (probe-target.ts, probe-options.ts). */
const excerptEnd = 300;
const bodyEnd = 4096;
/** How much of the Authorization value comes before each cut: the scheme and the secret's start. */
const lead = 24;

/**
 * A hostile, httpbin-style endpoint: it lets any client in (a certificate is asked for, none required)
 * and answers every request with the request itself, written every way an echo may write it: the raw
 * head, httpbin's JSON, JSON with every non-ASCII character escaped (Python's json.dumps), URL- and
 * form-encoded, HTML-escaped, the Basic credentials decoded, and the Authorization value placed across
 * the two places the probe cuts a body (its 300-character excerpt, its 4096-byte limit). /token issues
 * an opaque access token (and echoes too), so the oauth suite sends it to /resource, which echoes it.
 */
export async function startEchoServer(fixtures: FixtureSet): Promise<StartedEchoServer> {
  const requests: EchoedRequest[] = [];
  const issuedTokens: string[] = [];
  const server: Server = createServer(
    {
      key: fixtures.identity('server').privateKeyPem,
      cert: fixtures.identity('server').certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        // Header values arrive as latin1 strings; what was sent was UTF-8.
        const authorization =
          request.headers.authorization === undefined
            ? undefined
            : Buffer.from(request.headers.authorization, 'latin1').toString('utf8');
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        requests.push({
          method: request.method ?? '',
          path,
          ...(authorization === undefined ? {} : { authorization }),
          body,
        });
        const head = [
          `${request.method} ${request.url} HTTP/${request.httpVersion}`,
          ...chunkPairs(request.rawHeaders).map(([name, value]) => `${name}: ${value}`),
        ].join('\n');
        let token: string | undefined;
        if (path === '/token') {
          token = randomBytes(24).toString('base64url');
          issuedTokens.push(token);
        }
        response.writeHead(200, { 'content-type': token ? 'application/json' : 'text/plain' });
        response.end(
          token
            ? JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 300, echo: head })
            : echoBody(head, authorization ?? '', body),
        );
      });
    },
  );
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connectionCount: () => connections,
    requests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function echoBody(head: string, authorization: string, body: string): string {
  const credentials = decodedBasic(authorization);
  const label = 'authorization=';
  const sections = [
    // Starts 24 characters before the excerpt ends: the excerpt holds only the start of the value.
    `${'.'.repeat(excerptEnd - lead - label.length)}${label}${authorization}\n`,
    `${JSON.stringify({ headers: head.split('\n'), data: body, credentials })}\n`,
    `${asciiJson({ headers: head.split('\n'), credentials })}\n`,
    `${new URLSearchParams({ authorization, password: credentials?.password ?? '', body }).toString()}\n`,
    `q=${encodeURIComponent(authorization)}&p=${encodeURIComponent(credentials?.password ?? '')}\n`,
    `<pre>${htmlEscape(head)}\n${htmlEscape(credentials?.password ?? '')}</pre>\n`,
    `${credentials?.password ?? ''}\n${head}\n`,
  ].join('');
  // And across the 4096th byte, where the probe stops keeping the body.
  const before = bodyEnd - lead - label.length - Buffer.byteLength(sections);
  return `${sections}${'.'.repeat(Math.max(0, before))}${label}${authorization}\n${'.'.repeat(100)}\n`;
}

function decodedBasic(authorization: string): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function htmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function chunkPairs(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    pairs.push([raw[index]!, Buffer.from(raw[index + 1]!, 'latin1').toString('utf8')]);
  }
  return pairs;
}
