import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Admission } from './admit-client.ts';
import { authenticateRequest } from './authenticate-request.ts';
import type { ConnectionRecord } from './connection-record.ts';
import type { CredentialPolicy } from './credential-mode.ts';
import {
  fallbackHandler,
  findRoute,
  type MockRequest,
  type MockResponse,
  type Route,
  type RouteHandler,
  type VerifiedClient,
} from './http-routes.ts';
import { nginxErrorPage } from './nginx-error-page.ts';
import { parseRequestBody, readRequestBody } from './read-request-body.ts';

/** What the TLS layer learnt about a connection, handed to the HTTP layer. */
export interface ConnectionContext {
  record: ConnectionRecord;
  client: VerifiedClient;
  admission: Admission;
}

export interface RequestHandling {
  routes: readonly Route[];
  contextOf(socket: object): ConnectionContext | undefined;
  /** Larger bodies are answered 413. */
  maxBodyBytes: number;
  /** withCredentialMode(): every admitted request must pass it before any route. Default: none. */
  credentials?: CredentialPolicy | undefined;
  /** Answers a path without a route of its own (withBackend(): the backend proxy). Default: fallbackHandler. */
  fallback?: RouteHandler | undefined;
  /**
   * withVirtualHost(): which site answers a request on this connection (by its Host header), or the
   * answer that refuses it as misdirected. Default: one site, answered by `routes`.
   */
  routeToSite?:
    | ((
        connection: Readonly<ConnectionRecord>,
        host: string | undefined,
      ) => { site: string; routes: readonly Route[]; fallback: RouteHandler } | { misdirected: MockResponse })
    | undefined;
}

/** The request listener of the mock server's HTTP layer: nginx-style refusals first, then the routes. */
export function createRequestListener(
  handling: RequestHandling,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handleRequest(handling, request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      send(response, { status: 500, body: { error: 'mock server failure', message: String(error) } });
    });
  };
}

async function handleRequest(
  handling: RequestHandling,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const context = handling.contextOf(request.socket);
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'https://mock.invalid');
  if (context === undefined) {
    send(response, {
      status: 500,
      body: { error: 'mock server failure', message: 'connection was never admitted' },
    });
    return;
  }
  // nginx picks the site (and answers 421) while reading the headers, before its certificate checks.
  const routed = handling.routeToSite?.(context.record, request.headers.host);
  const site = routed && 'site' in routed ? routed.site : undefined;
  const answer = (reply: MockResponse, authentication?: string): void => {
    context.record.requests.push({
      method,
      path: url.pathname,
      status: reply.status,
      ...(authentication === undefined ? {} : { authentication }),
      ...(site === undefined ? {} : { site }),
    });
    send(response, reply);
  };
  if (routed && 'misdirected' in routed) {
    request.resume();
    answer(routed.misdirected);
    return;
  }

  const admission = context.admission;
  if (admission.verdict === 'rejected' && admission.refusedAt === 'http') {
    request.resume();
    answer(nginxErrorPage(admission.refusal));
    return;
  }
  // The Authorization header is read here and nowhere recorded: only the decision's reason is.
  const decision =
    handling.credentials === undefined
      ? undefined
      : authenticateRequest(handling.credentials, context.client.chain[0], request.headers.authorization);
  if (decision?.allowed === false) {
    request.resume();
    answer(decision.response, decision.reason);
    return;
  }
  const rawBody = await readRequestBody(request, handling.maxBodyBytes);
  if (rawBody === undefined) {
    answer({
      status: 413,
      headers: { connection: 'close' },
      body: { error: 'request body too large', limitBytes: handling.maxBodyBytes },
    });
    return;
  }
  const mockRequest: MockRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    rawBody,
    body: parseRequestBody(rawBody, request.headers['content-type']),
    client: context.client,
    connection: context.record,
  };
  const routes = routed?.routes ?? handling.routes;
  const fallback = routed?.fallback ?? handling.fallback ?? fallbackHandler;
  const handler = findRoute(routes, method, url.pathname)?.handler ?? fallback;
  let reply: MockResponse;
  try {
    reply = await handler(mockRequest);
  } catch (error) {
    reply = {
      status: 500,
      body: {
        error: 'route handler failed',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  answer(reply, decision?.reason);
}

function send(response: ServerResponse, reply: MockResponse): void {
  const isRaw = typeof reply.body === 'string' || Buffer.isBuffer(reply.body);
  const payload =
    reply.body === undefined
      ? Buffer.alloc(0)
      : isRaw
        ? Buffer.from(reply.body as string | Buffer)
        : Buffer.from(JSON.stringify(reply.body));
  const headers: Record<string, string> = {
    ...(reply.body === undefined
      ? {}
      : { 'content-type': isRaw ? 'text/plain; charset=utf-8' : 'application/json' }),
    ...lowerCaseKeys(reply.headers ?? {}),
    'content-length': String(payload.length),
  };
  response.writeHead(reply.status, headers);
  response.end(payload);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
