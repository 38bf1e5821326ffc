import type { SecureVersion } from 'node:tls';
import type { ExpectationRule, FixtureFacts, ScenarioFailure, TargetDeclaration } from './scenario.ts';
import { acceptedIdentityRule } from './trust-rules.ts';

/**
 * Accepted when the target declares the version and trusts the client presented (accepted-identity);
 * rejected otherwise. Rejected for the version, it must be refused in the handshake: a handshake that
 * completes at a version the target does not declare fails, whatever the server answers after it.
 */
export function tlsVersionRule(
  version: SecureVersion,
  target: TargetDeclaration,
  fixtures: FixtureFacts,
): ExpectationRule {
  if (!target.tlsVersions.includes(version)) {
    return {
      expected: 'rejected',
      because: `target declares tlsVersions [${target.tlsVersions.join(', ')}], without ${version}`,
      refusedInHandshake: true,
    };
  }
  const trust = acceptedIdentityRule(target, fixtures);
  return { ...trust, because: `target declares ${version}; ${trust.because}` };
}

/** One line for a handshake that completed at a version the target should have refused. */
export function legacyVersionCause(version: string): string {
  return `${version} is enabled on the endpoint: remove it from ssl_protocols (or the gateway's TLS policy); OpenSSL 3 needs @SECLEVEL=0 in the ciphers to negotiate it, so look for that too`;
}

/** The likelyCause of tls-1.2 and tls-1.3: the version refused though declared, or offered though not. */
export function versionFailureCause(
  version: SecureVersion,
): (failure: ScenarioFailure) => string | undefined {
  return ({ expected, observed }) => {
    if (expected === 'accepted' && observed.alert?.code === protocolVersionAlert) {
      return `${version} is not offered by the endpoint: add it to ssl_protocols (or the gateway's TLS policy), or remove it from the target's tlsVersions`;
    }
    if (expected === 'rejected' && observed.tls?.protocol === version) {
      return `${version} is offered but the target does not declare it: add it to tlsVersions, or remove it from ssl_protocols`;
    }
    return undefined;
  };
}

// RFC 8446 §6.2 / RFC 5246 §7.2.2: protocol_version, what a server sends for a version it will not speak.
const protocolVersionAlert = 70;
