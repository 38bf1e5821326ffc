import { connect, type Socket } from 'node:net';
import { classifyConnectError } from './classify-connect-error.ts';
import { EventQueue } from './event-queue.ts';
import type { ProbeEndpoint } from './probe-endpoint.ts';
import { lookupUnlessReserved } from './reserved-name-lookup.ts';
import type { Verdict } from './verdict.ts';

export type TcpConnectResult = { connected: true; socket: Socket } | { connected: false; verdict: Verdict };

type TcpEvent = { type: 'connect' } | { type: 'error'; error: Error } | { type: 'timeout' };

/** Opens the TCP connection, or says why not within `timeoutMs`. Never throws. */
export async function connectTcp(endpoint: ProbeEndpoint, timeoutMs: number): Promise<TcpConnectResult> {
  const deadline = performance.now() + timeoutMs;
  const events = new EventQueue<TcpEvent>();
  const socket = connect({ host: endpoint.host, port: endpoint.port, lookup: lookupUnlessReserved });
  socket.once('connect', () => events.push({ type: 'connect' }));
  socket.on('error', (error) => events.push({ type: 'error', error }));
  const event = await events.next(deadline, { type: 'timeout' });
  if (event.type === 'connect') return { connected: true, socket };
  socket.destroy();
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
