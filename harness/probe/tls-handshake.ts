import { classifyHandshakeError } from './classify-tls-error.ts';
import { interruptedVerdict } from './interrupted-verdict.ts';
import type { TlsConnection } from './tls-connection.ts';
import type { Verdict } from './verdict.ts';

export type HandshakeResult = { completed: true } | { completed: false; verdict: Verdict };

/** Waits for the handshake to complete, fail, or run out of time. Never throws. */
export async function awaitHandshake(connection: TlsConnection, timeoutMs: number): Promise<HandshakeResult> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const event = await connection.events.next(deadline, { type: 'timeout' });
    const context = {
      bytesFromServer: connection.tcp.bytesRead,
      serverCertificateSeen: connection.certificateSeen !== undefined,
    };
    switch (event.type) {
      case 'secureConnect':
        return { completed: true };
      case 'data':
        continue;
      case 'error':
        return { completed: false, verdict: classifyHandshakeError(event.error, context) };
      case 'end':
      case 'close':
        return { completed: false, verdict: classifyHandshakeError('closed', context) };
      case 'aborted':
        return { completed: false, verdict: interruptedVerdict('tls-handshake') };
      case 'timeout':
        return {
          completed: false,
          verdict: {
            outcome: 'error',
            stage: 'tls-handshake',
            reason: `no TLS handshake within ${timeoutMs} ms (the server sent ${describeBytes(context.bytesFromServer)})`,
          },
        };
    }
  }
}

function describeBytes(count: number): string {
  return count === 0 ? 'nothing' : `${count} byte${count === 1 ? '' : 's'}`;
}
