/**
 * The OID of a DER certificate's signatureAlgorithm (RFC 5280 §4.1.1.2), read without an ASN.1 library:
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, ... }, signature }.
 * Node's X509Certificate does not expose it in Node 20. Throws on a structure that is not a certificate.
 */
export function readSignatureAlgorithmOid(der: Buffer): string {
  const certificate = header(der, 0);
  const tbs = header(der, certificate.contentStart);
  const algorithm = header(der, tbs.contentStart + tbs.length);
  const oid = header(der, algorithm.contentStart);
  if (certificate.tag !== 0x30 || tbs.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) {
    throw new Error('Cannot read the signature algorithm. The DER is not an X.509 certificate.');
  }
  return decodeOid(der.subarray(oid.contentStart, oid.contentStart + oid.length));
}

function header(der: Buffer, offset: number): { tag: number; length: number; contentStart: number } {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined)
    throw new Error('Cannot read the signature algorithm. The DER ends early.');
  if (first < 0x80) return { tag, length: first, contentStart: offset + 2 };
  const count = first & 0x7f;
  let length = 0;
  for (let index = 0; index < count; index += 1) length = length * 256 + (der[offset + 2 + index] ?? 0);
  return { tag, length, contentStart: offset + 2 + count };
}

function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const [first = 0, ...rest] = parts;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}
