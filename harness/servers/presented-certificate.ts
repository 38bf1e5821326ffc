import { X509Certificate } from 'node:crypto';

/**
 * Certificates kept at once. A mock server sees the same few client certificates on every handshake
 * (a run presents a dozen fixtures thousands of times); past this the oldest is dropped, so a server
 * that meets many clients stays flat in memory.
 */
const maxCertificates = 512;

const byDer = new Map<string, X509Certificate>();

/**
 * The X509Certificate of a certificate a client presented, parsed once per distinct DER. Its parse,
 * and the facts read from it later (summaries, key and policy facts, each memoized per object), were
 * most of the mock's CPU per handshake: one object per DER lets those memos hit. The DER is the whole
 * certificate, so two clients share an object only when they presented the same bytes.
 */
export function presentedCertificate(der: Buffer): X509Certificate {
  const key = der.toString('base64');
  const known = byDer.get(key);
  if (known !== undefined) {
    byDer.delete(key);
    byDer.set(key, known);
    return known;
  }
  const parsed = new X509Certificate(der);
  byDer.set(key, parsed);
  if (byDer.size > maxCertificates) byDer.delete(byDer.keys().next().value!);
  return parsed;
}
