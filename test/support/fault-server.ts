import { createHash } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

/**
 * How the server misbehaves. The TCP modes never complete a TLS handshake; the TLS modes complete it
 * with `tls` (a server certificate and key) and then fail at HTTP.
 */
export type FaultMode =
  /** Accepts TCP, reads, never writes. */
  | 'black-hole'
  /** After the ClientHello, the start of a TLS record, one byte a second, forever. */
  | 'slow-drip'
  /** After the ClientHello, the first bytes of a ServerHello, then a FIN. */
  | 'close-mid-handshake'
  /** After the ClientHello, the first bytes of a ServerHello, then a TCP RST. */
  | 'reset-mid-handshake'
  /** Answers the ClientHello with an HTTP/1.1 400 response, as a plain-HTTP server does. */
  | 'plain-http'
  /** Answers the ClientHello with 4 KiB of (seeded, repeatable) pseudo-random bytes. */
  | 'random-bytes'
  /** Completes the TLS handshake, then never answers the request. */
  | 'tls-then-silence'
  /** Completes the TLS handshake, answers 200 with a chunked body that never ends. */
  | 'endless-body'
  /** Completes the TLS handshake, answers 200 chunked, then a chunk-size line that never ends. */
  | 'endless-chunk-size';

export const faultModes: readonly FaultMode[] = [
  'black-hole',
  'slow-drip',
  'close-mid-handshake',
  'reset-mid-handshake',
  'plain-http',
  'random-bytes',
  'tls-then-silence',
  'endless-body',
  'endless-chunk-size',
];

const tlsModes = new Set<FaultMode>(['tls-then-silence', 'endless-body', 'endless-chunk-size']);

export interface StartedFaultServer extends AsyncDisposable {
  mode: FaultMode;
  port: number;
  /** `https://127.0.0.1:PORT/healthcheck`. */
  url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Stops listening, ends every timer and destroys every connection. Idempotent. */
  close(): Promise<void>;
}

// A TLS 1.2 handshake record header and the start of a ServerHello (RFC 8446 §5.1, §4.1.3): enough
// for the client to be waiting for the rest, not enough to have seen a server certificate.
const serverHelloStart = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03]);

/** Starts a misbehaving server on 127.0.0.1, port 0. `tls` is required by the TLS modes. */
export async function startFaultServer(
  mode: FaultMode,
  tls?: { key: string; cert: string },
): Promise<StartedFaultServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  let accepted = 0;
  let server: Server;
  if (tlsModes.has(mode)) {
    if (!tls) throw new Error(`fault mode ${mode} needs a server certificate and key`);
    const tlsServer = createTlsServer(tls, (socket) => onSecure(mode, socket, timers));
    tlsServer.on('tlsClientError', () => undefined);
    server = tlsServer;
  } else {
    server = createNetServer((socket) => onTcp(mode, socket, timers));
  }
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    track(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      timers.forEach((timer) => clearInterval(timer));
      sockets.forEach((socket) => socket.destroy());
    });
    return closing;
  };
  return {
    mode,
    port,
    url: `https://127.0.0.1:${port}/healthcheck`,
    connections: () => accepted,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function onTcp(mode: FaultMode, socket: Socket, timers: Set<NodeJS.Timeout>): void {
  socket.on('error', () => undefined);
  socket.once('data', () => {
    switch (mode) {
      case 'black-hole':
        return;
      case 'slow-drip':
        return drip(socket, serverHelloStart, timers);
      case 'close-mid-handshake':
        socket.end(serverHelloStart);
        return;
      case 'reset-mid-handshake':
        // Written, then reset once the bytes are handed to the kernel: the client sees data, then RST.
        socket.write(serverHelloStart, () => socket.resetAndDestroy());
        return;
      case 'plain-http':
        socket.end(
          'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 35\r\nConnection: close\r\n\r\nThis is a plain HTTP server, no TLS',
        );
        return;
      case 'random-bytes':
        socket.end(pseudoRandomBytes('fault-server', 4096));
        return;
      default:
        throw new Error(`fault mode ${mode} is not a TCP mode`);
    }
  });
}

function onSecure(mode: FaultMode, socket: TLSSocket, timers: Set<NodeJS.Timeout>): void {
  socket.on('error', () => undefined);
  if (mode === 'tls-then-silence') {
    socket.resume();
    return;
  }
  socket.once('data', () => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = mode === 'endless-body' ? `400\r\n${'x'.repeat(0x400)}\r\n` : '0'.repeat(0x400);
    const timer = setInterval(() => {
      if (socket.destroyed) clearInterval(timer);
      else if (socket.writableLength < 64 * 1024) socket.write(chunk);
    }, 1);
    timers.add(timer);
  });
}

function drip(socket: Socket, bytes: Buffer, timers: Set<NodeJS.Timeout>): void {
  let next = 0;
  const send = (): void => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(bytes.subarray(next % bytes.length, (next % bytes.length) + 1));
    next += 1;
  };
  const timer = setInterval(send, 1000);
  timers.add(timer);
  send();
}

/** `length` bytes from a SHA-256 chain over `seed`: noise that is the same on every run. */
export function pseudoRandomBytes(seed: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  let block = createHash('sha256').update(seed).digest();
  for (let total = 0; total < length; total += block.length) {
    blocks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** A port nothing listens on: one the kernel just handed out and that was closed again. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
