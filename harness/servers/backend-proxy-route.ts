import { request as httpRequest } from 'node:http';
import { headerPairs } from './backend-echo.ts';
import { forwardedIdentityHeaders, type IdentityForwarding } from './forwarded-identity-headers.ts';
import type { MockResponse, RouteHandler } from './http-routes.ts';

/** How long the mock gateway waits for its backend before answering 504, as a gateway's proxy timeout. */
const BACKEND_TIMEOUT_MS = 10_000;

/**
 * A route handler that makes the mock a gateway: the request goes on to the backend at `backendUrl`
 * (plain HTTP), with the client's identity in the headers `forwarding` declares, and the backend's
 * answer comes back as it is. 502 when the backend cannot be reached, 504 when it does not answer.
 */
export function backendProxyHandler(backendUrl: string, forwarding: IdentityForwarding): RouteHandler {
  const backend = new URL(backendUrl);
  return (incoming) =>
    new Promise<MockResponse>((resolve) => {
      const lines = forwardedIdentityHeaders(headerPairs(incoming.rawHeaders), incoming.client, forwarding);
      const flat = [
        ['Host', backend.host],
        ...lines,
        ['Content-Length', String(incoming.rawBody.length)],
      ].flat();
      const outgoing = httpRequest(
        {
          host: backend.hostname,
          port: backend.port,
          method: incoming.method,
          path: `${incoming.path}${incoming.query.size > 0 ? `?${incoming.query.toString()}` : ''}`,
          headers: flat,
          timeout: BACKEND_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: { 'content-type': response.headers['content-type'] ?? 'application/octet-stream' },
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', (error) => resolve(badGateway(error.message)));
        },
      );
      outgoing.on('timeout', () => {
        outgoing.destroy();
        resolve({
          status: 504,
          body: { error: 'the backend did not answer', timeoutMs: BACKEND_TIMEOUT_MS },
        });
      });
      outgoing.on('error', (error) => resolve(badGateway(error.message)));
      outgoing.end(incoming.rawBody);
    });
}

function badGateway(message: string): MockResponse {
  return { status: 502, body: { error: 'the backend could not be reached', message } };
}
