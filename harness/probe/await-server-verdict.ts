import { classifyPostHandshakeError } from './classify-tls-error.ts';
import { interruptedVerdict } from './interrupted-verdict.ts';
import type { TlsConnection } from './tls-connection.ts';
import type { Verdict } from './verdict.ts';

/**
 * How long a `tls://` probe waits after the handshake for a refusal before calling it accepted: twice
 * the handshake's duration (a TLS 1.3 server's verdict on the client certificate follows the client's
 * Finished by one round trip, RFC 8446 §4.4.2; the handshake took two), at least 300 ms so that a
 * loopback server has time to check the certificate, and never more than the response timeout.
 */
export function graceWindowMs(handshakeMs: number, responseTimeoutMs: number): number {
  return Math.min(responseTimeoutMs, Math.max(300, Math.ceil(2 * handshakeMs)));
}

/**
 * For `tls://` targets, where there is no request to send: reads for the grace window. An alert, a
 * reset or a close in that window is the server's refusal; data or silence means it kept the client.
 */
export async function awaitServerVerdict(connection: TlsConnection, graceMs: number): Promise<Verdict> {
  const deadline = performance.now() + graceMs;
  for (;;) {
    const event = await connection.events.next(deadline, { type: 'timeout' });
    switch (event.type) {
      case 'secureConnect':
        continue;
      case 'data':
        return {
          outcome: 'accepted',
          stage: 'after-handshake',
          reason: `server kept the connection and sent ${event.chunk.length} bytes after the handshake`,
        };
      case 'end':
      case 'close':
        return classifyPostHandshakeError('closed');
      case 'error':
        return classifyPostHandshakeError(event.error);
      // Silence so far is no verdict: cut short, the grace window proves nothing.
      case 'aborted':
        return interruptedVerdict('after-handshake');
      case 'timeout':
        return {
          outcome: 'accepted',
          stage: 'after-handshake',
          reason: `server kept the connection: no alert, reset or close within ${graceMs} ms after the handshake`,
        };
    }
  }
}
