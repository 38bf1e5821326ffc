import forge from 'node-forge';

/**
 * The most key-derivation iterations a PKCS#12 may ask for. node-forge derives keys in JavaScript:
 * 1,000,000 iterations took 6.2 s here, and a file may claim 2^31 (hours). Real exports use far fewer
 * (OpenSSL 2,048; Java 10,000; Windows 2,000), so anything above this is refused, not attempted.
 */
export const maxPkcs12Iterations = 1_000_000;

const octetString: number = forge.asn1.Type.OCTETSTRING;
const integer: number = forge.asn1.Type.INTEGER;
const maxNestedDepth = 8;

/**
 * The largest iteration count in a PKCS#12's plaintext structures: the MAC data (RFC 7292 §4) and
 * every PBE parameter block (RFC 7292 Appendix C, RFC 8018 §A.2) store a salt OCTET STRING followed
 * by an iteration INTEGER. Content wrapped in plaintext OCTET STRINGs (the AuthenticatedSafe, the
 * SafeContents) is parsed too; encrypted content has its parameters outside, so nothing is missed.
 */
export function largestPkcs12Iterations(asn1: forge.asn1.Asn1): number {
  return largestIn(asn1, 0);
}

function largestIn(node: forge.asn1.Asn1, depth: number): number {
  if (!Array.isArray(node.value)) return largestInWrapped(node, depth);
  const children = node.value;
  let largest = 0;
  children.forEach((child, index) => {
    const next = children[index + 1];
    if (isUniversal(child, octetString) && next !== undefined && isUniversal(next, integer)) {
      largest = Math.max(largest, integerValue(next));
    }
    largest = Math.max(largest, largestIn(child, depth));
  });
  return largest;
}

// An OCTET STRING holding DER (a SEQUENCE) is parsed and searched as well, a bounded number of levels.
function largestInWrapped(node: forge.asn1.Asn1, depth: number): number {
  if (depth >= maxNestedDepth || !isUniversal(node, octetString) || typeof node.value !== 'string') return 0;
  if (node.value.charCodeAt(0) !== 0x30) return 0;
  try {
    return largestIn(forge.asn1.fromDer(node.value, true), depth + 1);
  } catch {
    return 0;
  }
}

function isUniversal(node: forge.asn1.Asn1, type: number): boolean {
  return node.tagClass === forge.asn1.Class.UNIVERSAL && (node.type as number) === type && !node.constructed;
}

// Counts wider than 6 bytes are beyond any limit anyway: read them as infinite.
function integerValue(node: forge.asn1.Asn1): number {
  const bytes = typeof node.value === 'string' ? node.value : '';
  if (bytes.length > 6) return Number.POSITIVE_INFINITY;
  let value = 0;
  for (const char of bytes) value = value * 256 + char.charCodeAt(0);
  return value;
}
