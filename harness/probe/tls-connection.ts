import type { Socket } from 'node:net';
import {
  TLSSocket,
  connect,
  type ConnectionOptions,
  type PeerCertificate,
  type SecureContext,
} from 'node:tls';
import type { CertificateSummary } from '../pki/certificate-summary.ts';
import { EventQueue } from './event-queue.ts';
import { trustScopeOf } from './client-secure-context-cache.ts';
import { readServerChain } from './server-chain-check.ts';
import { TlsSession } from './tls-session.ts';

export type TlsSocketEvent =
  | { type: 'secureConnect' }
  | { type: 'data'; chunk: Buffer }
  | { type: 'end' }
  | { type: 'close' }
  | { type: 'error'; error: Error }
  | { type: 'timeout' }
  /** The probe's signal aborted: the stage that reads it ends with an interrupted verdict. */
  | { type: 'aborted' };

/** A TLS client socket over an open TCP connection, with its events queued for the stages. */
export interface TlsConnection {
  socket: TLSSocket;
  tcp: Socket;
  events: EventQueue<TlsSocketEvent>;
  /** The server's chain as soon as its Certificate message was processed; kept if the handshake fails. */
  certificateSeen?: { chain: CertificateSummary[]; leaf: PeerCertificate | undefined };
  /** The endpoint and server trust that a remembered chain is valid for (see readServerChain). */
  chainScope?: string;
  /** Whether the server resumed the offered session, read when the handshake completed. */
  resumed?: boolean;
  /** Sessions the server issued, when startTls was asked to keep them. */
  sessionsIssued: TlsSession[];
}

/** Session resumption for one connection: what to offer, and whether to keep what the server issues. */
export interface SessionUse {
  offer?: TlsSession | undefined;
  keepIssued: boolean;
}

/** Starts the handshake. Server verification never aborts it: the chain is judged afterwards. */
export function startTls(
  tcp: Socket,
  secureContext: SecureContext,
  servername: string | undefined,
  sessions: SessionUse = { keepIssued: false },
): TlsConnection {
  const options: ConnectionOptions & { requestOCSP: boolean } = {
    socket: tcp,
    secureContext,
    ...(servername !== undefined && { servername }),
    // Only a session asked for is offered: the shared secure contexts keep none (see
    // client-secure-context-cache.ts), so no probe resumes another's.
    ...(sessions.offer !== undefined && { session: sessions.offer.der }),
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
    // OpenSSL calls the status callback right after processing the server's Certificate, before the
    // client sends its own: the one moment the server chain is visible when the server then refuses
    // the client at the handshake (Node emits 'OCSPResponse', with null when nothing was stapled).
    requestOCSP: true,
  };
  const socket = connect(options);
  // On every handshake whose chain verifies, Node builds the detailed peer certificate, the whole chain
  // as objects, only to hand it to checkServerIdentity (lib/_tls_wrap.js, onConnectSecure), which here
  // ignores it: the probe judges the host name itself. That build was a tenth of a probe's CPU; Node is
  // given the leaf alone. readServerChain reads the detailed chain through the prototype when it needs it.
  socket.getPeerCertificate = (() =>
    TLSSocket.prototype.getPeerCertificate.call(socket, false)) as TLSSocket['getPeerCertificate'];
  const events = new EventQueue<TlsSocketEvent>();
  const trust = trustScopeOf(secureContext);
  // One endpoint (address, port, SNI name) with one trust store serves one chain per leaf.
  const chainScope =
    trust === undefined ? undefined : `${tcp.remoteAddress}:${tcp.remotePort}:${servername ?? ''}\0${trust}`;
  const connection: TlsConnection = {
    socket,
    tcp,
    events,
    sessionsIssued: [],
    ...(chainScope !== undefined && { chainScope }),
  };
  socket.once('OCSPResponse', () => {
    connection.certificateSeen = readServerChain(socket, chainScope);
  });
  // Node emits 'session' only while someone listens (it enables OpenSSL's new-session callback on the
  // first listener), so a probe that keeps no session runs exactly as before.
  if (sessions.keepIssued) {
    socket.on('session', (der: Buffer) => connection.sessionsIssued.push(new TlsSession(der, Date.now())));
  }
  socket.once('secureConnect', () => {
    // Read now: Node 20 crashes (SIGSEGV) when isSessionReused() is called on a socket that has closed
    // after a failed handshake, and the stages look at the socket only after its events.
    if (sessions.offer !== undefined) connection.resumed = socket.isSessionReused();
    events.push({ type: 'secureConnect' });
  });
  socket.on('data', (chunk: Buffer) => events.push({ type: 'data', chunk }));
  socket.on('end', () => events.push({ type: 'end' }));
  socket.on('close', () => events.push({ type: 'close' }));
  socket.on('error', (error: Error) => events.push({ type: 'error', error }));
  return connection;
}
