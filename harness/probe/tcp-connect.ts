import { connect, type Socket } from 'node:net';
import { classifyConnectError } from './classify-connect-error.ts';
import { EventQueue } from './event-queue.ts';
import { interruptedVerdict } from './interrupted-verdict.ts';
import type { ProbeEndpoint } from './probe-endpoint.ts';
import { lookupUnlessReserved } from './reserved-name-lookup.ts';
import type { Verdict } from './verdict.ts';

export type TcpConnectResult = { connected: true; socket: Socket } | { connected: false; verdict: Verdict };

type TcpEvent =
  { type: 'connect' } | { type: 'error'; error: Error } | { type: 'timeout' } | { type: 'aborted' };

/**
 * Opens the TCP connection, or says why not within `timeoutMs`; `signal` cancels the attempt (an
 * `interrupted` verdict). Never throws.
 */
export async function connectTcp(
  endpoint: ProbeEndpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TcpConnectResult> {
  const deadline = performance.now() + timeoutMs;
  const events = new EventQueue<TcpEvent>();
  const socket = connect({ host: endpoint.host, port: endpoint.port, lookup: lookupUnlessReserved });
  socket.once('connect', () => events.push({ type: 'connect' }));
  socket.on('error', (error) => events.push({ type: 'error', error }));
  const stopListening = events.pushOnAbort(signal, { type: 'aborted' });
  const event = await events.next(deadline, { type: 'timeout' });
  stopListening();
  if (event.type === 'connect') return { connected: true, socket };
  socket.destroy();
  if (event.type === 'aborted') return { connected: false, verdict: interruptedVerdict('tcp') };
  if (event.type === 'error')
    return { connected: false, verdict: classifyConnectError(event.error, endpoint) };
  return {
    connected: false,
    verdict: {
      outcome: 'error',
      stage: 'tcp',
      reason: `no TCP connection to ${endpoint.host}:${endpoint.port} within ${timeoutMs} ms`,
    },
  };
}
