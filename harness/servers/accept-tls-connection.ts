import { certificatePolicyProblems } from './certificate-policy-problems.ts';
import type { X509Certificate } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { summarizeCertificate } from '../pki/certificate-summary.ts';
import { admitClient, type AdmissionPolicy } from './admit-client.ts';
import type { ConnectionLog } from './connection-log.ts';
import type { ConnectionRecord } from './connection-record.ts';
import { describeHandshakeFailure } from './describe-handshake-failure.ts';
import type { ConnectionContext } from './handle-http-request.ts';
import { verifyClientChain } from './verify-client-chain.ts';
import { presentedCertificate } from './presented-certificate.ts';
import { checkRevokedChain, type MockRevocation } from './check-revoked-chain.ts';
import { describeConnectionEnding } from './connection-ending.ts';
import { watchConnectionEnding } from './watch-connection-ending.ts';

/** How every connection of one server is set up and judged. */
export interface ConnectionSettings {
  secureContext: SecureContext;
  /** Send a CertificateRequest. */
  requestCert: boolean;
  /**
   * OpenSSL's SSL_VERIFY_FAIL_IF_NO_PEER_CERT (Node sets it with `rejectUnauthorized`): a client that
   * presents no certificate gets a TLS alert. Whether a presented certificate is good is decided here
   * after the handshake, because Node's verify callback never fails the handshake for a bad one.
   */
  failWithoutCertificate: boolean;
  /** The certificates whose names the CertificateRequest lists (the secure context's `ca`). */
  advertisedCas: readonly X509Certificate[];
  trustAnchors: readonly X509Certificate[];
  /** The CRLs every verified chain is checked against (withRevocation); none: no revocation check. */
  revocation?: MockRevocation | undefined;
  policy: AdmissionPolicy;
  handshakeTimeoutMs: number;
  /** DER size of the server's own certificate: how the server tells it has sent it (handshakeProgress). */
  certificateBytes: number;
  /** With virtual hosts: the name of the site these settings serve, recorded with each connection. */
  virtualHost?: string | undefined;
}

export interface ConnectionServices {
  log: ConnectionLog;
  /** Not listening: admitted TLS sockets are handed to it through its 'connection' event. */
  httpServer: HttpServer;
  contexts: WeakMap<object, ConnectionContext>;
  isStopping(): boolean;
}

/** Runs the TLS side of one accepted TCP connection, records it, and hands admitted clients to HTTP. */
export function acceptTlsConnection(
  raw: Socket,
  settings: ConnectionSettings,
  services: ConnectionServices,
): TLSSocket {
  const record: ConnectionRecord = {
    id: services.log.nextId(),
    at: new Date().toISOString(),
    remoteAddress: raw.remoteAddress ?? 'unknown',
    ...(raw.remotePort === undefined ? {} : { remotePort: raw.remotePort }),
    ...(settings.virtualHost === undefined ? {} : { virtualHost: settings.virtualHost }),
    clientChain: [],
    authorized: false,
    verdict: 'incomplete',
    reason: '',
    requests: [],
  };
  let published = false;
  const publish = (fields: Partial<ConnectionRecord>): void => {
    if (published) return;
    published = true;
    Object.assign(record, fields);
    services.log.publish(record);
  };

  const socket = new TLSSocket(raw, {
    isServer: true,
    secureContext: settings.secureContext,
    requestCert: settings.requestCert,
    rejectUnauthorized: settings.failWithoutCertificate,
  });
  // First, so the handlers below find the ending recorded; a published record gets it when it comes.
  const watch = watchConnectionEnding(socket, raw, {
    certificateBytes: settings.certificateBytes,
    isStopping: () => services.isStopping(),
    onEnded: (ending) => {
      record.ended = ending;
    },
  });
  const timer = setTimeout(() => {
    publish({ reason: `no TLS handshake within ${settings.handshakeTimeoutMs} ms` });
    watch.serverEnds('timeout');
    socket.destroy();
  }, settings.handshakeTimeoutMs);

  socket.on('error', (error: Error & { code?: string }) => {
    clearTimeout(timer);
    // After the verdict, an error (a reset mid-request) changes nothing in the record.
    const failure = describeHandshakeFailure(error, tlsFacts(socket).protocol);
    publish({
      ...(failure.negotiated ? tlsFacts(socket) : {}),
      verdict: failure.verdict,
      ...(failure.verdict === 'rejected' ? { refusedAt: 'handshake' as const } : {}),
      reason: failure.reason,
      tlsError: failure.tlsError,
    });
  });
  socket.once('close', () => {
    clearTimeout(timer);
    const ending = watch.ending;
    publish({
      reason: services.isStopping()
        ? 'the mock server stopped before the TLS handshake finished'
        : ending
          ? describeConnectionEnding(ending)
          : 'the client closed the connection during the TLS handshake',
    });
  });
  // 'secure' is what Node's own tls.Server waits for on its server sockets (onServerSocketSecure in
  // lib/_tls_wrap.js) before it emits 'secureConnection'; a TLSSocket built here has no tls.Server.
  socket.once('secure', () => {
    clearTimeout(timer);
    const resumed = socket.isSessionReused();
    const certificates = presentedCertificates(socket, settings.advertisedCas);
    const chain = certificates.map((certificate) => summarizeCertificate(certificate));
    const verified =
      certificates.length > 0 ? verifyClientChain(certificates, settings.trustAnchors) : undefined;
    const verification =
      verified && settings.revocation ? checkRevokedChain(verified, settings.revocation) : verified;
    const authorizationError = verification?.problems[0]?.code;
    // A server playing accept-weak-certificates lets them in whatever they are: nothing to check.
    const policyProblems =
      verification?.trusted && settings.policy.misconfiguration !== 'accept-weak-certificates'
        ? certificatePolicyProblems(verification.path, settings.policy.keyPolicy)
        : [];
    const admission = admitClient(settings.policy, { chain, verification, resumed, policyProblems });
    publish({
      ...tlsFacts(socket),
      ...(resumed ? { resumed: true as const } : {}),
      clientChain: chain,
      authorized: verification?.trusted ?? false,
      ...(authorizationError === undefined ? {} : { authorizationError }),
      verdict: admission.verdict,
      ...(admission.verdict === 'rejected' ? { refusedAt: admission.refusedAt } : {}),
      reason: admission.reason,
    });
    if (admission.verdict === 'rejected' && admission.refusedAt === 'handshake') {
      // What Node's tls.Server does with rejectUnauthorized: destroy, no alert, no request read.
      watch.serverEnds('refusal');
      socket.destroy();
      return;
    }
    const client = {
      certificates,
      chain,
      authorized: verification?.trusted ?? false,
      ...(authorizationError === undefined ? {} : { authorizationError }),
    };
    services.contexts.set(socket, { record, client, admission });
    services.httpServer.emit('connection', socket);
  });
  return socket;
}

/**
 * The client's chain, leaf first. Node only offers it as OpenSSL completed it: getPeerCertificate(true)
 * follows the certificates the client sent and then appends issuers found in the secure context's CA
 * store. Those trailing CA-list certificates are dropped, so a root the client sent itself is lost too.
 */
function presentedCertificates(
  socket: TLSSocket,
  advertisedCas: readonly X509Certificate[],
): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  type Detail = { raw?: Buffer; issuerCertificate?: Detail };
  // An empty object when the client presented nothing; a self-signed certificate is its own issuer.
  for (
    let detail = socket.getPeerCertificate(true) as Detail;
    detail.raw !== undefined;
    detail = detail.issuerCertificate ?? {}
  ) {
    const raw = detail.raw;
    if (certificates.some((seen) => seen.raw.equals(raw))) break;
    certificates.push(presentedCertificate(raw));
  }
  while (
    certificates.length > 1 &&
    advertisedCas.some((ca) => ca.raw.equals(certificates.at(-1)?.raw ?? Buffer.alloc(0)))
  ) {
    certificates.pop();
  }
  return certificates;
}

function tlsFacts(socket: TLSSocket): Pick<ConnectionRecord, 'protocol' | 'cipher' | 'servername'> {
  const facts: Pick<ConnectionRecord, 'protocol' | 'cipher' | 'servername'> = {};
  const protocol = socket.getProtocol();
  if (protocol) facts.protocol = protocol;
  const cipher = (socket.getCipher() as { name?: string } | undefined)?.name;
  if (cipher) facts.cipher = cipher;
  if (typeof socket.servername === 'string' && socket.servername !== '') facts.servername = socket.servername;
  return facts;
}
