import { HarnessError } from '../common/harness-error.ts';

/** How long each stage may take before the probe gives up and reports `error` at that stage. */
export interface ProbeTimeouts {
  /** From starting the TCP connection to its being established. Default 5000. */
  connectMs: number;
  /** From TCP connected to the TLS handshake completing (or failing). Default 5000. */
  handshakeMs: number;
  /**
   * From the handshake to the server's verdict: the complete HTTP response for `https:`, the end of
   * the grace window for `tls:` (which is never longer than this). Default 10000.
   */
  responseMs: number;
}

export const defaultProbeTimeouts: Readonly<ProbeTimeouts> = Object.freeze({
  connectMs: 5000,
  handshakeMs: 5000,
  responseMs: 10000,
});

/** The defaults overlaid with the given values, each checked to be a positive whole number of ms. */
export function resolveProbeTimeouts(overrides: Partial<ProbeTimeouts> = {}): ProbeTimeouts {
  const timeouts = { ...defaultProbeTimeouts, ...stripUndefined(overrides) };
  for (const [field, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new HarnessError(
        `Cannot probe with timeouts.${field} = ${String(value)}. It must be a positive whole number of milliseconds.`,
      );
    }
  }
  return timeouts;
}

function stripUndefined(values: Partial<ProbeTimeouts>): Partial<ProbeTimeouts> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
