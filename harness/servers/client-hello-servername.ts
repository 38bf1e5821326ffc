/**
 * What the first bytes of a connection say about the SNI name: not enough yet, the name (or null when
 * the ClientHello has none), or not a TLS ClientHello at all.
 */
export type ClientHelloServername =
  | { state: 'incomplete' }
  | { state: 'complete'; servername: string | null }
  | { state: 'not-tls'; why: string };

const handshakeRecord = 22;
const clientHello = 1;
const serverNameExtension = 0;
const hostNameType = 0;
// RFC 8446 §5.1: a record is at most 2^14 bytes; a ClientHello is one handshake message, which may be
// split over several records (the Traefik advisory's "fragmented ClientHello").
const maxRecordLength = 2 ** 14;
const maxClientHelloLength = 2 ** 16;

/**
 * Reads the SNI host name (RFC 6066 §3) from the records a client has sent so far, as nginx's
 * ssl_preread and every SNI router must before choosing a virtual host. Pure: bytes in, an answer out.
 */
export function readClientHelloServername(bytes: Buffer): ClientHelloServername {
  const handshake: Buffer[] = [];
  let gathered = 0;
  for (let offset = 0; ;) {
    if (offset + 5 > bytes.length) return { state: 'incomplete' };
    const type = bytes.readUInt8(offset);
    const length = bytes.readUInt16BE(offset + 3);
    if (type !== handshakeRecord || bytes.readUInt8(offset + 1) !== 3 || length > maxRecordLength) {
      return { state: 'not-tls', why: `record type ${type}, not a TLS handshake` };
    }
    if (offset + 5 + length > bytes.length) return { state: 'incomplete' };
    handshake.push(bytes.subarray(offset + 5, offset + 5 + length));
    gathered += length;
    offset += 5 + length;
    if (gathered < 4) continue;
    const message = Buffer.concat(handshake);
    if (message.readUInt8(0) !== clientHello)
      return { state: 'not-tls', why: 'the first message is not a ClientHello' };
    const messageLength = message.readUIntBE(1, 3);
    if (messageLength > maxClientHelloLength) return { state: 'not-tls', why: 'the ClientHello is too long' };
    if (gathered < 4 + messageLength) continue;
    return parseClientHello(message.subarray(4, 4 + messageLength));
  }
}

function parseClientHello(body: Buffer): ClientHelloServername {
  try {
    let offset = 2 + 32; // legacy_version, random
    offset += 1 + body.readUInt8(offset); // legacy_session_id
    offset += 2 + body.readUInt16BE(offset); // cipher_suites
    offset += 1 + body.readUInt8(offset); // legacy_compression_methods
    if (offset === body.length) return { state: 'complete', servername: null }; // no extensions at all
    const end = offset + 2 + body.readUInt16BE(offset);
    for (offset += 2; offset + 4 <= end;) {
      const type = body.readUInt16BE(offset);
      const length = body.readUInt16BE(offset + 2);
      if (type === serverNameExtension)
        return { state: 'complete', servername: hostName(body.subarray(offset + 4, offset + 4 + length)) };
      offset += 4 + length;
    }
    return { state: 'complete', servername: null };
  } catch (error) {
    if (error instanceof RangeError) return { state: 'not-tls', why: 'the ClientHello is malformed' };
    throw error;
  }
}

function hostName(extension: Buffer): string | null {
  const end = 2 + extension.readUInt16BE(0);
  for (let offset = 2; offset + 3 <= end;) {
    const type = extension.readUInt8(offset);
    const length = extension.readUInt16BE(offset + 1);
    if (type === hostNameType) return extension.subarray(offset + 3, offset + 3 + length).toString('latin1');
    offset += 3 + length;
  }
  return null;
}
