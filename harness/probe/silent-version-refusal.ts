import type { SecureVersion } from 'node:tls';
import type { Observation } from './observation.ts';

/** `TLSv1` → `TLS 1.0`: versions as people write them. */
export function tlsVersionName(version: SecureVersion): string {
  return version === 'TLSv1' ? 'TLS 1.0' : version.replace('TLSv', 'TLS ');
}

/** Whether a probe's connection hung up before any TLS data came: nothing else is known of it. */
export function isSilentClose(observation: Observation): boolean {
  return observation.closedBeforeTls === true && observation.outcome === 'error' && !observation.interrupted;
}

/** Whether a probe completed a TLS handshake (the client's side of it): the endpoint speaks that version. */
export function completedHandshake(observation: Observation): boolean {
  return observation.tls?.protocol !== undefined;
}

/**
 * A silent close in answer to a ClientHello of `offered`, read as a refusal of that version: the
 * endpoint completed a handshake at `working` in the same run, so a TLS server is there and it hung up
 * on this version alone. Java's JSSE refuses a disabled version this way: its debug log says
 * `Fatal (PROTOCOL_VERSION): Client requested protocol TLSv1 is not enabled or supported in server
 * context`, but no alert is sent (`openssl s_client -tls1` reads 0 bytes). Without a completed handshake
 * elsewhere the observation must stay undecided; this is only for `isSilentClose` observations.
 */
export function silentVersionRefusal(
  observation: Observation,
  offered: SecureVersion,
  working: SecureVersion,
): Observation {
  const how =
    observation.errorCode === undefined
      ? 'closed the connection'
      : `reset the connection (${observation.errorCode})`;
  return {
    ...observation,
    outcome: 'rejected',
    stage: 'tls-handshake',
    reason: `server ${how} without an alert in answer to a ${tlsVersionName(offered)} ClientHello; ${tlsVersionName(working)} works on this endpoint`,
  };
}
