import { errorFields } from './classify-tls-error.ts';
import type { ProbeEndpoint } from './probe-endpoint.ts';
import type { Verdict } from './verdict.ts';

const explanations: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved now (DNS lookup failed)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection attempt timed out in the operating system',
  ECONNRESET: 'the connection was reset while opening',
};

/** A TCP connection that could not be opened: always `error` at stage `tcp`. */
export function classifyConnectError(error: unknown, endpoint: ProbeEndpoint): Verdict {
  const { code, message } = errorFields(error);
  const why = (code !== undefined && explanations[code]) || message;
  return {
    outcome: 'error',
    stage: 'tcp',
    reason: `cannot connect to ${endpoint.host}:${endpoint.port}: ${why}${code === undefined ? '' : ` (${code})`}`,
    ...(code === undefined ? {} : { errorCode: code }),
  };
}
