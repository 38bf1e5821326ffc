/**
 * PKCS#12 encryption algorithms that OpenSSL 3 only reads with its legacy provider
 * (`openssl pkcs12 -legacy`): RC2 and RC4 from PKCS#12 v1 appendix C. Old Java (before 8u301) and
 * Windows exports protect certificates with pbeWithSHAAnd40BitRC2-CBC. Node's `tls` (pfx option),
 * curl and nginx, all on OpenSSL 3's default provider, refuse such a file.
 */
const legacyAlgorithms: readonly { name: string; oid: string }[] = [
  { name: 'pbeWithSHAAnd128BitRC4', oid: '1.2.840.113549.1.12.1.1' },
  { name: 'pbeWithSHAAnd40BitRC4', oid: '1.2.840.113549.1.12.1.2' },
  { name: 'pbeWithSHAAnd128BitRC2-CBC', oid: '1.2.840.113549.1.12.1.5' },
  { name: 'pbeWithSHAAnd40BitRC2-CBC', oid: '1.2.840.113549.1.12.1.6' },
];

/**
 * Names the legacy algorithms a PKCS#12 file uses. The algorithm identifiers sit outside the
 * encrypted parts, so their DER encoding appears verbatim in the file; a chance match of these
 * 12 bytes inside ciphertext is negligible (2^-96 per position).
 */
export function legacyPkcs12Algorithms(der: Buffer): string[] {
  return legacyAlgorithms
    .filter((algorithm) => der.includes(oidToDer(algorithm.oid)))
    .map((algorithm) => algorithm.name);
}

function oidToDer(oid: string): Buffer {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return Buffer.from([0x06, bytes.length, ...bytes]);
}

/**
 * The commands that turn a legacy keystore into one OpenSSL 3 reads (AES-256). Two steps through a
 * file, not a pipe: OpenSSL 3.0's `pkcs12 -export` reads its input twice (key, then certificates),
 * and from a pipe the second read finds nothing ("Could not read any certificates"). Without -nodes
 * the key in old.pem stays encrypted (openssl asks for a PEM pass phrase).
 */
export function convertLegacyPkcs12Command(file: string): string {
  return `openssl pkcs12 -legacy -in ${file} -out old.pem && openssl pkcs12 -export -in old.pem -out new.p12 && rm old.pem`;
}
