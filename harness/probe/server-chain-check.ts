import { checkServerIdentity, type DetailedPeerCertificate, type PeerCertificate, TLSSocket } from 'node:tls';
import { summarizeCertificate, type CertificateSummary } from '../pki/certificate-summary.ts';
import type { TlsEvidence } from './observation.ts';

/**
 * The server's chain, leaf first, as Node reports it: the certificates the server sent, linked
 * issuer by issuer, then completed from the client's trust store (Node's GetLastIssuedCert), so a
 * trusted root may appear even when the server did not send it. Empty when there is no peer yet.
 *
 * `scope` names one endpoint (address, port, SNI name) and the trust store that completes its chains
 * (the declared server CA, or Node's default roots). With it, the chain read for a leaf is remembered
 * in that scope and later probes of the endpoint read only their leaf: Node's detailed read
 * (getPeerCertificate(true)) costs some 15 times the leaf's and was the largest CPU cost of a probe.
 * The leaf, which decides the host-name check, is always this connection's own, and so is whether
 * the chain is trusted (`socket.authorized`); only the certificates above the leaf are as the
 * endpoint served them first in this run. Without a scope every read is a full one.
 */
export function readServerChain(
  socket: TLSSocket,
  scope?: string,
): { chain: CertificateSummary[]; leaf: PeerCertificate | undefined } {
  // Node returns {} (typed as a certificate) when there is no peer certificate.
  const leaf = socket.getPeerCertificate(false) as Partial<PeerCertificate> | null;
  if (!leaf?.raw) return { chain: [], leaf: undefined };
  const key = scope === undefined ? undefined : `${leaf.fingerprint256 ?? ''}\0${scope}`;
  let chain = key === undefined ? undefined : chains.get(key);
  if (chain === undefined) {
    chain = readFullChain(socket);
    if (key !== undefined) remember(chains, key, chain);
  }
  return { chain, leaf: leaf as PeerCertificate };
}

function readFullChain(socket: TLSSocket): CertificateSummary[] {
  // Through the prototype: a probe's socket answers getPeerCertificate() with the leaf alone (tls-connection.ts).
  const leaf = TLSSocket.prototype.getPeerCertificate.call(
    socket,
    true,
  ) as Partial<DetailedPeerCertificate> | null;
  const chain: CertificateSummary[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let current = leaf?.raw ? (leaf as DetailedPeerCertificate) : undefined;
  // A self-signed root is its own issuerCertificate in Node's object graph.
  while (current?.raw && !seen.has(current)) {
    seen.add(current);
    chain.push(summaryOf(current));
    current = current.issuerCertificate;
  }
  return chain;
}

// Every probe of an endpoint sees the same chain: its summaries are parsed once and shared (one object
// per certificate, however many observations show it). Both memos are bounded, so a run of many
// endpoints stays flat.
const maxEntries = 512;
const summaries = new Map<string, CertificateSummary>();
const chains = new Map<string, CertificateSummary[]>();

function summaryOf(certificate: DetailedPeerCertificate): CertificateSummary {
  const key = certificate.fingerprint256;
  const known = summaries.get(key);
  if (known) return known;
  const summary = summarizeCertificate(certificate.raw);
  remember(summaries, key, summary);
  return summary;
}

function remember<Value>(memo: Map<string, Value>, key: string, value: Value): void {
  memo.set(key, value);
  if (memo.size > maxEntries) memo.delete(memo.keys().next().value!);
}

export interface ServerJudgement {
  /** The name the server certificate must match: the SNI name, else the URL's host (IPs included). */
  hostname: string;
  /** Whether a server trust was declared; without one the chain is described but not judged. */
  trustDeclared: boolean;
}

/**
 * Judges the server after the fact. The probe connects with `rejectUnauthorized: false` and a no-op
 * `checkServerIdentity`, so an untrusted server still shows how it treats the client; OpenSSL has
 * verified the chain against the declared trust all the same (path building with the certificates
 * the server sent, signatures, validity), and Node exposes its verdict as `authorizationError`.
 */
export function judgeServerChain(
  socket: TLSSocket,
  leaf: PeerCertificate | undefined,
  judgement: ServerJudgement,
): Pick<TlsEvidence, 'serverTrusted' | 'serverTrustError' | 'hostnameMatches' | 'hostnameError'> {
  const trust = judgement.trustDeclared
    ? socket.authorized
      ? { serverTrusted: true }
      : { serverTrusted: false, serverTrustError: String(socket.authorizationError ?? 'not verified') }
    : {};
  return { ...trust, ...judgeHostname(leaf, judgement.hostname) };
}

/** RFC 6125 name matching, as Node applies it (`tls.checkServerIdentity`). */
export function judgeHostname(
  leaf: PeerCertificate | undefined,
  hostname: string,
): Pick<TlsEvidence, 'hostnameMatches' | 'hostnameError'> {
  if (!leaf) return {};
  const error = checkServerIdentity(hostname, leaf);
  if (!error) return { hostnameMatches: true };
  const reason = (error as Error & { reason?: string }).reason;
  return { hostnameMatches: false, hostnameError: reason ?? error.message };
}
