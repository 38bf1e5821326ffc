import { createHash } from 'node:crypto';
import { children, readTlv, readUnsigned, type Tlv } from './der-tlv.ts';

/**
 * What a TLS session says about itself, without its secret: enough to tell sessions apart in a report
 * and to say how old a ticket was when it was offered again.
 */
export interface TlsSessionFacts {
  /** `TLSv1.2` or `TLSv1.3` (OpenSSL's ssl_version: 0x0303, 0x0304). */
  protocol: string;
  /**
   * The session id the server gave, as hex: the key of a TLS 1.2 server-side session cache. Absent
   * under TLS 1.3 and with a ticket, where OpenSSL's client replaces it with one of its own (TLS 1.3: a
   * random one; TLS 1.2: the ticket's SHA-256, statem_clnt.c), and when the server sent none.
   */
  sessionId?: string;
  /** The session ticket (RFC 5077, RFC 8446 §4.6.1), when the server issued one. */
  ticket?: {
    /** The first 16 hex digits of its SHA-256: tells tickets apart without being one. */
    sha256: string;
    bytes: number;
    /** The server's ticket_lifetime(_hint), in seconds; 0 when it gave none. */
    lifetimeHintSeconds: number;
  };
  /** The SNI host name the session was made with, as the session records it. */
  servername?: string;
  /** When OpenSSL made the session, in seconds since the epoch. */
  createdAt: number;
  /** Its timeout in seconds, as OpenSSL recorded it. */
  timeoutSeconds: number;
}

// OpenSSL's SSL_SESSION_ASN1 (ssl/ssl_asn1.c, OpenSSL 1.1.1 to 3.x): a SEQUENCE of version,
// ssl_version, cipher, session_id, master_key, then context-tagged optional fields. Only the tags read
// here are listed; every [n] is EXPLICIT, so its tag byte is 0xA0 + n.
const field = {
  time: 0xa1,
  timeout: 0xa2,
  hostname: 0xa6,
  ticketLifetimeHint: 0xa9,
  ticket: 0xaa,
} as const;
const protocolNames: ReadonlyMap<number, string> = new Map([
  [0x0301, 'TLSv1'],
  [0x0302, 'TLSv1.1'],
  [0x0303, 'TLSv1.2'],
  [0x0304, 'TLSv1.3'],
]);

/**
 * Reads the facts of a serialised session (i2d_SSL_SESSION: what Node's `session` event hands over
 * and what `openssl sess_id -outform DER` writes). Throws RangeError when it is not one.
 */
export function readSslSessionFacts(der: Buffer): TlsSessionFacts {
  const fields = sessionFields(der);
  const [version, sslVersion, , sessionId] = fields;
  if (version?.tag !== 0x02 || sslVersion?.tag !== 0x02 || sessionId?.tag !== 0x04) {
    throw new RangeError('not an SSL_SESSION: expected version, ssl_version, cipher and session_id');
  }
  const code = readUnsigned(sslVersion.value);
  const protocol = protocolNames.get(code) ?? `0x${code.toString(16)}`;
  const tagged = (tag: number): Buffer | undefined => {
    const element = fields.find((candidate) => candidate.tag === tag);
    return element === undefined ? undefined : readTlv(element.value, 0).value;
  };
  const ticket = tagged(field.ticket);
  const hostname = tagged(field.hostname);
  const lifetime = tagged(field.ticketLifetimeHint);
  const time = tagged(field.time);
  const timeout = tagged(field.timeout);
  return {
    protocol,
    ...(protocol !== 'TLSv1.3' && sessionId.value.length > 0 && (ticket === undefined || ticket.length === 0)
      ? { sessionId: sessionId.value.toString('hex').toUpperCase() }
      : {}),
    ...(ticket !== undefined && ticket.length > 0
      ? {
          ticket: {
            sha256: createHash('sha256').update(ticket).digest('hex').slice(0, 16),
            bytes: ticket.length,
            lifetimeHintSeconds: lifetime === undefined ? 0 : readUnsigned(lifetime),
          },
        }
      : {}),
    ...(hostname !== undefined ? { servername: hostname.toString('latin1') } : {}),
    createdAt: time === undefined ? 0 : readUnsigned(time),
    timeoutSeconds: timeout === undefined ? 0 : readUnsigned(timeout),
  };
}

function sessionFields(der: Buffer): Tlv[] {
  const sequence = readTlv(der, 0);
  if (sequence.tag !== 0x30 || sequence.end !== der.length) {
    throw new RangeError('not an SSL_SESSION: expected one DER SEQUENCE');
  }
  return children(sequence.value);
}
