import type { SecureContext } from 'node:tls';
import { HarnessError } from '../common/harness-error.ts';
import { clientSecureContext } from './client-secure-context-cache.ts';
import { formatHttpRequest } from './http-request.ts';
import { parseProbeEndpoint, resolveServername, type ProbeEndpoint } from './probe-endpoint.ts';
import type { SentEvidence } from './observation.ts';
import type { ProbeOptions } from './probe-options.ts';
import { resolveProbeTimeouts, type ProbeTimeouts } from './probe-timeouts.ts';

/** Everything a probe needs, checked before any network I/O. */
export interface ProbePlan {
  endpoint: ProbeEndpoint;
  /** The SNI name to send; undefined sends none. */
  servername: string | undefined;
  /** The name the server certificate must match: SNI name, else the URL's host (an IP included). */
  expectedServerName: string;
  secureContext: SecureContext;
  trustDeclared: boolean;
  timeouts: ProbeTimeouts;
  /** The request bytes for `https:`; absent for `tls:`. */
  request: Buffer | undefined;
  expectsBody: boolean;
  maxBodyBytes: number;
  readCaNames: boolean;
  /** What goes into the observation's `sent`, when the options varied the SNI or the Host. */
  sent: SentEvidence | undefined;
}

const defaultMaxBodyBytes = 4096;

/** Validates the options; throws a HarnessError naming the bad field. */
export function planProbe(options: ProbeOptions): ProbePlan {
  const endpoint = parseProbeEndpoint(options.url);
  const named = resolveServername(endpoint, options.servername);
  const servername = options.sendServername === false ? undefined : named;
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new HarnessError(
      `Cannot probe with maxBodyBytes = ${maxBodyBytes}. It must be a whole number of bytes, 0 or more.`,
    );
  }
  const caNames = options.acceptableCaNames ?? 'read';
  if (caNames !== 'read' && caNames !== 'skip') {
    throw new HarnessError(
      `Cannot probe with acceptableCaNames = ${JSON.stringify(caNames)}. Use 'read' or 'skip'.`,
    );
  }
  const method = (options.method ?? 'GET').toUpperCase();
  return {
    endpoint,
    servername,
    expectedServerName: named ?? endpoint.host,
    secureContext: clientSecureContext({
      identity: options.identity,
      serverTrustPem: options.serverTrustPem,
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      sessionTickets: options.sessionTickets,
    }),
    trustDeclared: options.serverTrustPem !== undefined,
    timeouts: resolveProbeTimeouts(options.timeouts),
    request:
      endpoint.scheme === 'https'
        ? formatHttpRequest(endpoint, {
            method: options.method,
            headers: options.headers,
            headerLines: options.headerLines,
            body: options.body,
          })
        : undefined,
    expectsBody: method !== 'HEAD',
    maxBodyBytes,
    readCaNames: caNames === 'read',
    sent: sentEvidence(options, endpoint, servername),
  };
}

function sentEvidence(
  options: ProbeOptions,
  endpoint: ProbeEndpoint,
  servername: string | undefined,
): SentEvidence | undefined {
  const hostHeader = Object.entries(options.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'host',
  )?.[1];
  const varied =
    options.servername !== undefined || options.sendServername !== undefined || hostHeader !== undefined;
  if (!varied) return undefined;
  return {
    servername: servername ?? null,
    ...(endpoint.scheme === 'https' ? { host: hostHeader ?? endpoint.hostHeader } : {}),
  };
}
