import { parseProbeEndpoint } from './probe-endpoint.ts';
import { resolveProbeTimeouts, type ProbeTimeouts } from './probe-timeouts.ts';
import { connectTcp } from './tcp-connect.ts';

/** Whether anything accepts TCP connections at a URL's host and port; why not, in one line. */
export type Reachability = { reachable: true } | { reachable: false; reason: string; errorCode?: string };

/**
 * One TCP connection to the URL's host and port, closed at once: the check a run makes once per
 * endpoint it did not start, so that a gateway that is down, a wrong port or a name that does not
 * resolve is reported once for the target instead of as every scenario's failure. An aborted signal
 * counts as reachable: the run is stopping, and its scenarios will say they did not run.
 */
export async function checkReachable(options: {
  url: string;
  timeouts?: Partial<ProbeTimeouts>;
  signal?: AbortSignal;
}): Promise<Reachability> {
  const endpoint = parseProbeEndpoint(options.url);
  const { connectMs } = resolveProbeTimeouts(options.timeouts);
  const tcp = await connectTcp(endpoint, connectMs, options.signal);
  if (tcp.connected) {
    tcp.socket.destroy();
    return { reachable: true };
  }
  if (tcp.verdict.interrupted) return { reachable: true };
  return {
    reachable: false,
    reason: tcp.verdict.reason,
    ...(tcp.verdict.errorCode === undefined ? {} : { errorCode: tcp.verdict.errorCode }),
  };
}
