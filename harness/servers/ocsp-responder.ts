import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from '../common/harness-error.ts';
import { normalizeSerial } from '../pki/normalize-serial.ts';
import { issueDelegatedResponder, type OcspAuthority, type OcspSigner } from '../pki/ocsp-authority.ts';
import {
  answerOcspRequest,
  askedSerials,
  type OcspAnswerFault,
  type OcspCertStatus,
} from '../pki/ocsp-answer.ts';

/**
 * How the responder behaves: `none` answers truthfully; `down` resets every connection (a responder
 * that cannot be reached); `slow` answers after `slowMs` (past a gateway's timeout); the others are
 * answer faults (ocsp-answer.ts).
 */
export type OcspResponderFault = 'none' | 'down' | 'slow' | OcspAnswerFault;

export const ocspResponderFaults: readonly OcspResponderFault[] = [
  'none',
  'down',
  'slow',
  'unknown',
  'stale',
  'unauthorized-signer',
  'try-later',
];

/** One request the responder received and what it answered: the revocation evidence of a verdict. */
export interface OcspExchange {
  /** ISO 8601 time the request arrived. */
  at: string;
  /** `127.0.0.1:54321`: who asked (the gateway, not the client it verifies). */
  from: string;
  method: 'GET' | 'POST';
  fault: OcspResponderFault;
  /** Serials (hex) the request asked about, answered or not. */
  asked: string[];
  /** `successful`, `tryLater`, `malformedRequest`…; `reset` for `down`. */
  responseStatus: string;
  statuses: Array<{ serialNumber: string; issuer: string | null; status: OcspCertStatus }>;
  /** `ca` or `delegated`, or `unauthorized` under that fault. */
  signedBy: 'ca' | 'delegated' | 'unauthorized' | null;
}

export interface OcspResponderOptions {
  /** Who signs: the CA itself (default) or a delegated responder it issued (id-kp-OCSPSigning). */
  signer?: 'ca' | 'delegated';
  /** Default `none`; change it while running with setFault(). */
  fault?: OcspResponderFault;
  /** Delay of `slow`. Default 15 000 ms. */
  slowMs?: number;
  /** Port on 127.0.0.1. Default 0: one the system chooses. */
  port?: number;
  /** For `unauthorized-signer`: a signer the CAs never authorised (a client's key and certificate). */
  unauthorizedSigner?: OcspSigner;
}

/** A running responder: its URL, the exchanges so far, and the fault it plays. */
export interface StartedOcspResponder extends AsyncDisposable {
  url: string;
  port: number;
  exchanges(): readonly OcspExchange[];
  /**
   * The fault to play from now on: for every request, or only for requests about `serialNumber` (hex),
   * so scenarios running at the same time on other certificates still get true answers.
   */
  setFault(fault: OcspResponderFault, serialNumber?: string): void;
  close(): Promise<void>;
}

/**
 * Starts an OCSP responder (RFC 6960) on 127.0.0.1 for the fixture set's CAs: POST with an
 * application/ocsp-request body, or GET with the request base64- then URL-encoded after the path
 * (Appendix A.1). Answers are built by answerOcspRequest and recorded for the report.
 */
export async function startOcspResponder(
  authorities: readonly OcspAuthority[],
  options: OcspResponderOptions = {},
): Promise<StartedOcspResponder> {
  const signers = new Map<string, OcspSigner>();
  for (const authority of authorities) {
    signers.set(
      authority.name,
      options.signer === 'delegated'
        ? await issueDelegatedResponder(authority)
        : {
            privateKeyPem: authority.privateKeyPem,
            certificateDer: authority.certificateDer,
            isIssuer: true,
          },
    );
  }
  let fault: OcspResponderFault = options.fault ?? 'none';
  const faultBySerial = new Map<string, OcspResponderFault>();
  const faultFor = (asked: readonly string[]): OcspResponderFault => {
    for (const serial of asked) {
      const own = faultBySerial.get(serial);
      if (own !== undefined) return own;
    }
    return fault;
  };
  const exchanges: OcspExchange[] = [];
  const record = (exchange: Omit<OcspExchange, 'at'> & { at: Date }) =>
    exchanges.push({ ...exchange, at: exchange.at.toISOString() });
  const sockets = new Set<Socket>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const from = `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
    const at = new Date();
    const body = await requestDer(request);
    const method = request.method === 'POST' ? 'POST' : 'GET';
    if (body === undefined) {
      response.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const asked = askedSerials(body);
    const current = faultFor(asked);
    if (current === 'down') {
      record({
        at,
        from,
        method,
        fault: 'down',
        asked,
        responseStatus: 'reset',
        statuses: [],
        signedBy: null,
      });
      request.socket.resetAndDestroy();
      return;
    }
    if (current === 'slow') await delay(options.slowMs ?? 15_000);
    const answer = answerOcspRequest({
      request: body,
      authorities,
      signerFor: (authority) => signers.get(authority.name) ?? failSigner(authority.name),
      ...(options.unauthorizedSigner ? { unauthorizedSigner: options.unauthorizedSigner } : {}),
      ...(current === 'none' || current === 'slow' ? {} : { fault: current }),
      now: at,
    });
    record({
      at,
      from,
      method,
      fault: current,
      asked,
      responseStatus: answer.responseStatus,
      statuses: answer.statuses,
      signedBy:
        answer.responseStatus !== 'successful'
          ? null
          : current === 'unauthorized-signer' && options.unauthorizedSigner
            ? 'unauthorized'
            : (options.signer ?? 'ca'),
    });
    if (!response.destroyed) {
      response.writeHead(200, {
        'content-type': 'application/ocsp-response',
        'content-length': answer.der.length,
      });
      response.end(answer.der);
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    // `down` for every request: refused before a byte is read, as a responder that is not there.
    if (fault === 'down') {
      record({
        at: new Date(),
        from: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
        method: 'POST',
        fault: 'down',
        asked: [],
        responseStatus: 'reset',
        statuses: [],
        signedBy: null,
      });
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    exchanges: () => [...exchanges],
    setFault: (next, serialNumber) => {
      if (serialNumber === undefined) fault = next;
      else if (next === 'none') faultBySerial.delete(normalizeSerial(serialNumber));
      else faultBySerial.set(normalizeSerial(serialNumber), next);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function failSigner(name: string): never {
  throw new Error(`no OCSP signer for ${name}`);
}

/** The DER request of a POST body, or of a GET path (base64, URL-encoded); undefined for other methods. */
async function requestDer(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET') {
    const encoded = decodeURIComponent((request.url ?? '/').replace(/^\/+/, ''));
    return Buffer.from(encoded, 'base64');
  }
  if (request.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // An OCSP request for a few certificates is a few hundred bytes.
    if (size > 64 * 1024) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new HarnessError(
            `Cannot start the OCSP responder on 127.0.0.1:${port}: the port is in use (EADDRINUSE). Stop what listens there, or give the responder another port (the fixtures' ocspUrl names it).`,
            { cause: error },
          ),
        );
      } else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
