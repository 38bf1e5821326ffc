import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** A server on 127.0.0.1 that a test started and must close. */
export interface StartedTestServer extends AsyncDisposable {
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1, port 0. `handler` answers requests; the TLS settings (requestCert,
 * rejectUnauthorized, ca, min/maxVersion) are Node's own, so refusals are the ones Node produces.
 */
export async function startHttpsServer(
  options: ServerOptions,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<StartedTestServer> {
  const server = createHttpsServer(options, handler);
  // A refused client is not an error of the test server.
  server.on('tlsClientError', () => undefined);
  return listen(server, () => server.closeAllConnections());
}

/** A plain TCP server whose every connection is handed to `onConnection` (silent or garbage peers). */
export async function startTcpServer(onConnection: (socket: Socket) => void): Promise<StartedTestServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  return listen(server, () => sockets.forEach((socket) => socket.destroy()));
}

/** nginx's page for a request without a client certificate (`ssl_verify_client on`), as nginx 1.22 sends it. */
export const nginxNoCertificatePage =
  '<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent</center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

/** nginx's page for a client certificate that fails verification. */
export const nginxCertificateErrorPage =
  '<html>\r\n<head><title>400 The SSL certificate error</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The SSL certificate error</center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

/** Answers as nginx does with `ssl_verify_client on`: 400 pages for a missing or unverified certificate. */
export function nginxStyleHandler(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket as TLSSocket;
  const presented = Object.keys(socket.getPeerCertificate()).length > 0;
  if (socket.authorized) {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  response
    .writeHead(400, { 'content-type': 'text/html', server: 'nginx/1.22.1' })
    .end(presented ? nginxCertificateErrorPage : nginxNoCertificatePage);
}

export function okHandler(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
}

async function listen(server: Server, dropConnections: () => void): Promise<StartedTestServer> {
  let accepted = 0;
  server.on('connection', () => {
    accepted += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    dropConnections();
    await closed;
  };
  return { port, connections: () => accepted, close, [Symbol.asyncDispose]: close };
}
