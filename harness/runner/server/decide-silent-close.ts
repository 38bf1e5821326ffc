import type { SecureVersion } from 'node:tls';
import type { Observation } from '../../probe/observation.ts';
import {
  completedHandshake,
  isSilentClose,
  silentVersionRefusal,
} from '../../probe/silent-version-refusal.ts';
import type { TargetContext } from '../target-context.ts';

/** Probes the target with its trusted identity, pinned to one version. */
export type PinnedProbe = (version: SecureVersion) => Promise<Observation>;

// Whether a handshake at a version completes, asked once per target and version: tls-legacy-versions
// needs it for TLS 1.0 and again for 1.1, and the answer is the endpoint's, not the scenario's.
const handshakes = new WeakMap<TargetContext, Map<SecureVersion, Promise<boolean>>>();

// Modern versions only: a legacy handshake completing would not show the endpoint is configured right.
const CONTROL_VERSIONS: readonly SecureVersion[] = ['TLSv1.3', 'TLSv1.2'];

/**
 * What a probe pinned to `offered` observed, with a silent close (no TLS data before the hang-up)
 * decided where it can be: if a handshake with the trusted identity completes at another version (the
 * declared ones first), the endpoint is a TLS server refusing `offered`, which is a refusal at stage
 * tls-handshake (silentVersionRefusal). Where no other version completes it stays undecided, as the
 * probe said. Any other observation is returned as it is, without probing again.
 */
export async function decideSilentClose(
  observation: Observation,
  offered: SecureVersion,
  context: TargetContext,
  probe: PinnedProbe,
): Promise<Observation> {
  if (!isSilentClose(observation)) return observation;
  const declared = context.declaration.tlsVersions;
  const candidates = [
    ...declared,
    ...CONTROL_VERSIONS.filter((version) => !declared.includes(version)),
  ].filter((version) => version !== offered && CONTROL_VERSIONS.includes(version));
  for (const version of candidates) {
    if (context.signal?.aborted) break;
    if (await handshakeCompletes(context, version, probe)) {
      return silentVersionRefusal(observation, offered, version);
    }
  }
  return observation;
}

function handshakeCompletes(
  context: TargetContext,
  version: SecureVersion,
  probe: PinnedProbe,
): Promise<boolean> {
  let byVersion = handshakes.get(context);
  if (byVersion === undefined) {
    byVersion = new Map();
    handshakes.set(context, byVersion);
  }
  let completes = byVersion.get(version);
  if (completes === undefined) {
    completes = probe(version).then(completedHandshake);
    byVersion.set(version, completes);
  }
  return completes;
}
