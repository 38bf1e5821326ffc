import { connect, createSecureContext, type SecureContext } from 'node:tls';
import type { ClientIdentity } from '../harness/pki/client-identity.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { median } from './measure-process.ts';

export interface ProbeFigures {
  iterations: number;
  /** One probeTarget (connect, handshake, GET, classification, evidence): median. */
  probeMs: number;
  /** A bare tls.connect handshake with the same identity and trust, then close: median (the floor). */
  bareHandshakeMs: number;
  /** The bare handshake plus the same GET, read to the end: median (the like-for-like floor). */
  bareHandshakeGetMs: number;
}

export interface ProbeBenchTarget {
  url: string;
  identity: ClientIdentity;
  serverTrustPem: string;
}

/**
 * Figure 3: the cost of one probe over the bare handshake. The three are interleaved in every
 * iteration so load on the machine hits them alike; the first iterations warm up (JIT, the probe's
 * once-per-endpoint CA-names read) and are not counted.
 */
export async function benchProbeOverhead(
  target: ProbeBenchTarget,
  iterations: number,
): Promise<ProbeFigures> {
  const url = new URL(target.url);
  const port = Number(url.port);
  // The floor reuses one context, as the probe reuses its cached one: neither parses keys per handshake.
  const context = createSecureContext({
    cert: [target.identity.certificatePem, ...target.identity.chainPems].join('\n'),
    key: target.identity.privateKeyPem,
    ca: target.serverTrustPem,
  });
  const request = `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`;
  const samples = { probe: [] as number[], bare: [] as number[], bareGet: [] as number[] };
  const warmUp = Math.min(10, Math.max(1, iterations >> 2));
  for (let round = 0; round < warmUp + iterations; round += 1) {
    const counted = round >= warmUp;
    let started = performance.now();
    const observation = await probeTarget({
      url: target.url,
      identity: target.identity,
      serverTrustPem: target.serverTrustPem,
    });
    if (counted) samples.probe.push(performance.now() - started);
    if (observation.outcome !== 'accepted')
      throw new Error(`the probe was not accepted: ${observation.reason}`);
    started = performance.now();
    await bareHandshake(url.hostname, port, context);
    if (counted) samples.bare.push(performance.now() - started);
    started = performance.now();
    await bareHandshake(url.hostname, port, context, request);
    if (counted) samples.bareGet.push(performance.now() - started);
  }
  return {
    iterations,
    probeMs: median(samples.probe),
    bareHandshakeMs: median(samples.bare),
    bareHandshakeGetMs: median(samples.bareGet),
  };
}

function bareHandshake(
  host: string,
  port: number,
  secureContext: SecureContext,
  request?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, secureContext, rejectUnauthorized: false }, () => {
      if (request === undefined) {
        socket.destroy();
        resolve();
      } else {
        socket.write(request);
      }
    });
    socket.on('data', () => undefined);
    socket.on('end', () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}
