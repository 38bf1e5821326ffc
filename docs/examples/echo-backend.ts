// An echo endpoint for the backend scenarios (docs/backend-identity.md): put it behind your gateway,
// where your application would be, and point `backend.path` at it. It answers every request with the
// header lines it received, in order, as [name, value] pairs: the echo contract. Run it with
// `npx tsx docs/examples/echo-backend.ts 8080` (Node 22.6+: `node --experimental-strip-types …`), or
// drop the types and rename it .mjs. (It runs in this repository's `npm test`, so it stays true.)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export function echoHeaders(request: IncomingMessage, response: ServerResponse): void {
  const headers: [string, string][] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    headers.push([request.rawHeaders[index] ?? '', request.rawHeaders[index + 1] ?? '']);
  }
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ headers }));
}

// Run as a script: listen on the port given (default 8080), on loopback only: it shows every header.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? 8080);
  createServer(echoHeaders).listen(port, '127.0.0.1', () => console.log(`echo on http://127.0.0.1:${port}`));
}
