import type { PeerCertificate } from 'node:tls';
import { certificateKeyFacts, describeKey } from '../pki/certificate-key-facts.ts';

// Parsing the leaf's ASN.1 costs a fraction of a millisecond; a run probes one server many times.
const described = new Map<string, string>();
const limit = 256;

/**
 * The server certificate's key and signature in a few words (`ec P-256, signed with
 * ecdsa-with-SHA256`), for the server-identity scenario: a weak key or a SHA-1 signature is visible in
 * the report even when the chain validates. Undefined when the leaf cannot be parsed.
 */
export function describeServerKey(leaf: PeerCertificate | undefined): string | undefined {
  if (!leaf?.raw) return undefined;
  const key = leaf.fingerprint256;
  const cached = described.get(key);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    const facts = certificateKeyFacts(leaf.raw);
    text = `${describeKey(facts)}, signed with ${facts.signatureAlgorithm}`;
  } catch {
    return undefined;
  }
  if (described.size >= limit) described.clear();
  described.set(key, text);
  return text;
}
