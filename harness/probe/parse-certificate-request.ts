import type { TlsAlert } from './observation.ts';
import { tlsAlert } from './tls-alerts.ts';

/** What the server's first flight (RFC 5246 §7.3: ServerHello … ServerHelloDone) said, so far. */
export type ServerFlight =
  | { kind: 'incomplete' }
  | {
      kind: 'certificate-request';
      /** The DER DistinguishedNames of `certificate_authorities`, in the server's order. */
      certificateAuthorities: Buffer[];
    }
  /** ServerHelloDone arrived without a CertificateRequest: the server does not ask for a certificate. */
  | { kind: 'no-certificate-request' }
  | { kind: 'alert'; alert: TlsAlert }
  | { kind: 'malformed'; detail: string };

const contentType = { alert: 21, handshake: 22 } as const;
const handshakeType = { serverHello: 2, certificateRequest: 13, serverHelloDone: 14 } as const;
// RFC 5246 §6.2.1: a plaintext fragment is at most 2^14 bytes; anything larger is not TLS.
const maxRecordLength = 2 ** 14 + 2048;

/**
 * Reads the plaintext records of a TLS 1.0–1.2 server flight as they arrive and finds the
 * CertificateRequest (RFC 5246 §7.4.4; RFC 4346 §7.4.4 has no signature algorithms field).
 * Pure: bytes in, a verdict out.
 */
export class ServerFlightReader {
  #records: Buffer = Buffer.alloc(0);
  #handshake: Buffer = Buffer.alloc(0);
  #sawRecord = false;
  #serverMinor: number | undefined;

  push(chunk: Buffer): ServerFlight {
    this.#records = Buffer.concat([this.#records, chunk]);
    try {
      return this.#readRecords();
    } catch (error) {
      if (error instanceof RangeError) return { kind: 'malformed', detail: error.message };
      throw error;
    }
  }

  #readRecords(): ServerFlight {
    while (this.#records.length >= 5) {
      const type = this.#records.readUInt8(0);
      const major = this.#records.readUInt8(1);
      const length = this.#records.readUInt16BE(3);
      if (
        (type !== contentType.handshake && type !== contentType.alert) ||
        major !== 3 ||
        length > maxRecordLength
      ) {
        const what = this.#sawRecord ? 'an unexpected record' : 'bytes that are not a TLS record';
        return {
          kind: 'malformed',
          detail: `the server sent ${what} (0x${this.#records.subarray(0, 5).toString('hex')})`,
        };
      }
      if (this.#records.length < 5 + length) return { kind: 'incomplete' };
      const fragment = this.#records.subarray(5, 5 + length);
      this.#records = this.#records.subarray(5 + length);
      this.#sawRecord = true;
      if (type === contentType.alert) {
        if (fragment.length < 2) throw new RangeError('truncated alert record');
        return { kind: 'alert', alert: tlsAlert(fragment.readUInt8(1)) };
      }
      this.#handshake = Buffer.concat([this.#handshake, fragment]);
      const flight = this.#readHandshakeMessages();
      if (flight.kind !== 'incomplete') return flight;
    }
    return { kind: 'incomplete' };
  }

  #readHandshakeMessages(): ServerFlight {
    while (this.#handshake.length >= 4) {
      const type = this.#handshake.readUInt8(0);
      const length = this.#handshake.readUIntBE(1, 3);
      if (this.#handshake.length < 4 + length) break;
      const body = this.#handshake.subarray(4, 4 + length);
      this.#handshake = this.#handshake.subarray(4 + length);
      if (type === handshakeType.serverHello) {
        if (body.length < 2) throw new RangeError('truncated ServerHello');
        this.#serverMinor = body.readUInt8(1);
      } else if (type === handshakeType.certificateRequest) {
        return {
          kind: 'certificate-request',
          certificateAuthorities: parseCertificateRequest(body, this.#serverMinor ?? 3),
        };
      } else if (type === handshakeType.serverHelloDone) {
        return { kind: 'no-certificate-request' };
      }
    }
    return { kind: 'incomplete' };
  }
}

/**
 * The `certificate_authorities` of a CertificateRequest body: a list of DER DistinguishedNames.
 * `tlsMinor` is the negotiated version's minor number (3 = TLS 1.2, which adds the
 * supported_signature_algorithms field, RFC 5246 §7.4.4). Throws RangeError when malformed.
 */
export function parseCertificateRequest(body: Buffer, tlsMinor: number): Buffer[] {
  let offset = 0;
  const take = (length: number, what: string): Buffer => {
    if (offset + length > body.length) throw new RangeError(`truncated CertificateRequest (${what})`);
    const slice = body.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  const certificateTypesLength = take(1, 'certificate_types').readUInt8(0);
  take(certificateTypesLength, 'certificate_types');
  if (tlsMinor >= 3)
    take(take(2, 'supported_signature_algorithms').readUInt16BE(0), 'supported_signature_algorithms');
  const authorities = take(take(2, 'certificate_authorities').readUInt16BE(0), 'certificate_authorities');
  const names: Buffer[] = [];
  for (let at = 0; at < authorities.length;) {
    if (at + 2 > authorities.length) throw new RangeError('truncated DistinguishedName length');
    const length = authorities.readUInt16BE(at);
    if (at + 2 + length > authorities.length) throw new RangeError('truncated DistinguishedName');
    names.push(authorities.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return names;
}
