import { randomBytes } from 'node:crypto';

// TLS 1.2 cipher suites (IANA values) offered so that any server configuration a probe meets picks
// one: ECDHE with ECDSA or RSA certificates first, then DHE and plain RSA key exchange.
const cipherSuites = [
  0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009e, 0x009f, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009,
  0xc013, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035,
  // TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): some servers refuse a hello without it.
  0x00ff,
];
// x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072.
const supportedGroups = [0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101];
// RFC 8446 §4.2.3 SignatureScheme values: ECDSA, RSA-PSS, RSA PKCS#1, Ed25519/Ed448, then SHA-1.
const signatureAlgorithms = [
  0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0807, 0x0808, 0x0203, 0x0201,
];

/**
 * A TLS 1.2 ClientHello record (RFC 5246 §7.4.1.2). It carries no supported_versions extension, so
 * even a server that prefers TLS 1.3 answers in TLS 1.2, whose handshake up to ServerHelloDone,
 * CertificateRequest included, travels in plaintext (RFC 5246 §7.3). A TLS 1.3-only server
 * answers with a protocol_version alert.
 */
export function buildTls12ClientHello(servername: string | undefined): Buffer {
  const extensions = [
    ...(servername === undefined ? [] : [extension(0x0000, serverNameList(servername))]),
    extension(0x000a, vector16(uint16s(supportedGroups))),
    extension(0x000b, vector8(Buffer.from([0]))), // ec_point_formats: uncompressed
    extension(0x000d, vector16(uint16s(signatureAlgorithms))),
    extension(0x0017, Buffer.alloc(0)), // extended_master_secret, RFC 7627
  ];
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]), // client_version TLS 1.2
    randomBytes(32),
    vector8(Buffer.alloc(0)), // session_id
    vector16(uint16s(cipherSuites)),
    vector8(Buffer.from([0])), // compression_methods: null
    vector16(Buffer.concat(extensions)),
  ]);
  const handshake = Buffer.concat([Buffer.from([1]), uint24(body.length), body]); // client_hello
  // Record version 0x0301 for the first flight, as RFC 5246 Appendix E.1 advises for compatibility.
  return Buffer.concat([Buffer.from([22, 0x03, 0x01]), uint16(handshake.length), handshake]);
}

function serverNameList(name: string): Buffer {
  const hostName = Buffer.concat([Buffer.from([0]), vector16(Buffer.from(name, 'ascii'))]);
  return vector16(hostName);
}

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([uint16(type), vector16(data)]);
}

function vector8(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([data.length]), data]);
}

function vector16(data: Buffer): Buffer {
  return Buffer.concat([uint16(data.length), data]);
}

function uint16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function uint16s(values: readonly number[]): Buffer {
  return Buffer.concat(values.map(uint16));
}

function uint24(value: number): Buffer {
  const buffer = Buffer.alloc(3);
  buffer.writeUIntBE(value, 0, 3);
  return buffer;
}
