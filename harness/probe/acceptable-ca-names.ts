import { connect } from 'node:net';
import type { AcceptableCaNames } from './observation.ts';
import { formatDerDistinguishedName } from './der-distinguished-name.ts';
import { EventQueue } from './event-queue.ts';
import { ServerFlightReader, type ServerFlight } from './parse-certificate-request.ts';
import { buildTls12ClientHello } from './tls12-client-hello.ts';

export interface CaNamesReading {
  names: AcceptableCaNames;
  /** Whether the server's TLS 1.2 flight holds a CertificateRequest; absent when not seen. */
  certificateRequested?: boolean;
}

export interface CaNamesTarget {
  host: string;
  port: number;
  servername: string | undefined;
}

const readings = new Map<string, Promise<CaNamesReading>>();

/**
 * The CA names the server lists in its CertificateRequest. Node has no API for them, so the probe
 * drives a TLS 1.2 handshake of its own up to ServerHelloDone, where the request is still plaintext,
 * and then hangs up (the server sees an abandoned handshake). Memoized per host, port and SNI name for
 * the life of the process, so many probes of one endpoint pay once; a failure to connect is not
 * remembered. `signal` cancels the reading this call starts (a reading already under way is shared
 * as it is); a cancelled reading is not remembered either.
 */
export function readAcceptableCaNames(
  target: CaNamesTarget,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CaNamesReading> {
  const key = `${target.host}:${target.port}:${target.servername ?? ''}`;
  const known = readings.get(key);
  if (known) return known;
  const reading = readOnce(target, timeoutMs, signal).then(({ reading: result, definitive }) => {
    if (!definitive) readings.delete(key);
    return result;
  });
  readings.set(key, reading);
  return reading;
}

/** Forgets every memoized reading (tests reuse ports for different servers). */
export function forgetAcceptableCaNames(): void {
  readings.clear();
}

type ReadEvent =
  | { type: 'data'; chunk: Buffer }
  | { type: 'closed' }
  | { type: 'error'; error: Error }
  | { type: 'timeout' }
  | { type: 'aborted' };

async function readOnce(
  target: CaNamesTarget,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ reading: CaNamesReading; definitive: boolean }> {
  const deadline = performance.now() + timeoutMs;
  const events = new EventQueue<ReadEvent>();
  const socket = connect({ host: target.host, port: target.port });
  socket.once('connect', () => socket.write(buildTls12ClientHello(target.servername)));
  socket.on('data', (chunk: Buffer) => events.push({ type: 'data', chunk }));
  socket.on('end', () => events.push({ type: 'closed' }));
  socket.on('error', (error) => events.push({ type: 'error', error }));
  const stopListening = events.pushOnAbort(signal, { type: 'aborted' });
  const reader = new ServerFlightReader();
  try {
    for (;;) {
      const event = await events.next(deadline, { type: 'timeout' });
      if (event.type === 'data') {
        const flight = reader.push(event.chunk);
        if (flight.kind !== 'incomplete') return fromFlight(flight);
        continue;
      }
      const why =
        event.type === 'aborted'
          ? 'not read: the probe was cancelled'
          : event.type === 'timeout'
            ? `no ServerHelloDone within ${timeoutMs} ms of the probe's TLS 1.2 ClientHello`
            : event.type === 'closed'
              ? "the server closed the connection during the probe's TLS 1.2 handshake"
              : `the probe's TLS 1.2 handshake failed: ${event.error.message}`;
      return { reading: { names: { obtained: false, why } }, definitive: false };
    }
  } finally {
    stopListening();
    socket.destroy();
  }
}

function fromFlight(flight: Exclude<ServerFlight, { kind: 'incomplete' }>): {
  reading: CaNamesReading;
  definitive: boolean;
} {
  switch (flight.kind) {
    case 'certificate-request':
      return {
        reading: {
          names: { obtained: true, names: flight.certificateAuthorities.map(formatName) },
          certificateRequested: true,
        },
        definitive: true,
      };
    case 'no-certificate-request':
      return {
        reading: {
          names: {
            obtained: false,
            why: 'the server sends no CertificateRequest in a TLS 1.2 handshake: it does not ask for a client certificate',
          },
          certificateRequested: false,
        },
        definitive: true,
      };
    case 'alert':
      return {
        reading: {
          names: {
            obtained: false,
            why:
              flight.alert.code === 70
                ? "the server refuses TLS 1.2 (alert 70 protocol_version); under TLS 1.3 its CertificateRequest is encrypted, out of the probe's sight"
                : `the server answered the probe's TLS 1.2 ClientHello with alert ${flight.alert.code} ${flight.alert.name}`,
          },
        },
        definitive: true,
      };
    case 'malformed':
      return {
        reading: { names: { obtained: false, why: `unreadable TLS 1.2 handshake: ${flight.detail}` } },
        definitive: false,
      };
  }
}

function formatName(der: Buffer): string {
  try {
    return formatDerDistinguishedName(der);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `(undecodable name ${der.toString('hex').toUpperCase()}: ${detail})`;
  }
}
