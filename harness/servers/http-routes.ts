import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { ConnectionRecord } from './connection-record.ts';

/** What the server knows of the client behind a request. */
export interface VerifiedClient {
  /** The certificates it presented, leaf first (raw DER in `.raw`, e.g. for RFC 8705 `x5t#S256`); [] for none. */
  certificates: readonly X509Certificate[];
  /** Their summaries, as in the connection record. */
  chain: readonly CertificateSummary[];
  /** Whether the chain verified against the server's trust, dates included. */
  authorized: boolean;
  authorizationError?: string;
}

export interface MockRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The header lines as received, Node's flat `[name, value, name, value…]`: repeated names stay apart. */
  rawHeaders: readonly string[];
  rawBody: Buffer;
  /**
   * The body parsed by its content type: an object for `application/json`, a `Record<string, string>`
   * for `application/x-www-form-urlencoded` (an OAuth token request), the text otherwise, undefined
   * when empty.
   */
  body: unknown;
  client: VerifiedClient;
  /** The record of the connection the request arrived on. */
  connection: Readonly<ConnectionRecord>;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON (`content-type: application/json`). */
  body?: unknown;
}

export type RouteHandler = (request: MockRequest) => MockResponse | Promise<MockResponse>;

export interface Route {
  /** An HTTP method, upper case, or `*` for any. */
  method: string;
  /** The exact path, e.g. `/oauth2/token`. */
  path: string;
  handler: RouteHandler;
}

/** `/healthcheck` answers as the Open Banking test plan expects (seed 002): 200 `{"status":"ok"}`. */
export const healthcheckRoute: Route = {
  method: '*',
  path: '/healthcheck',
  handler: () => ({ status: 200, body: { status: 'ok' } }),
};

/** Any path without a route of its own: 200 `{"status":"ok","path":…}`. */
export const fallbackHandler: RouteHandler = (request) => ({
  status: 200,
  body: { status: 'ok', path: request.path },
});

/** The last route added for a method and path wins, so a user's route replaces a built-in one. */
export function findRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  return routes.findLast((route) => route.path === path && (route.method === '*' || route.method === method));
}
