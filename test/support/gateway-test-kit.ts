import { randomUUID } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import type { SecureVersion } from 'node:tls';
import type { LocalTargetDeclaration } from '../../harness/targets/target-provider.ts';

/** A declaration trusting `trusts`, with a name no other test uses, so leftover checks see only this test's server. */
export function uniqueDeclaration(
  prefix: string,
  trusts: readonly string[] = ['ca1'],
): LocalTargetDeclaration {
  return {
    name: `${prefix}-${randomUUID().slice(0, 8)}`,
    trusts,
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  };
}

/** Whether `path` is an executable file: the installed gateway a test needs. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every client of the refusal matrices, in the order docs/observed-refusals.md lists them. */
export const matrixClients = [
  'none',
  'tpp1',
  'tpp2',
  'rogue',
  'expired',
  'not-yet-valid',
  'self-signed',
  'wrong-eku',
  'intermediate-leaf',
  'intermediate-leaf-nochain',
] as const;

/**
 * How a gateway built on OpenSSL (Apache httpd's mod_ssl, HAProxy, openssl s_server) refuses each client
 * when it requires a certificate from ca1 and refuses at the handshake: measured here, and the rows of
 * docs/observed-refusals.md. Under TLS 1.3 the alert comes after the client's side of the handshake.
 */
export function openSslHandshakeRefusals(version: SecureVersion): Record<string, string> {
  const after = version === 'TLSv1.3' ? ', after handshake' : '';
  const ok = 'accepted, HTTP 200';
  return {
    none:
      version === 'TLSv1.3'
        ? 'alert 116 certificate_required, after handshake'
        : 'alert 40 handshake_failure',
    tpp1: ok,
    tpp2: `alert 48 unknown_ca${after}`,
    rogue: `alert 48 unknown_ca${after}`,
    expired: `alert 45 certificate_expired${after}`,
    'not-yet-valid': `alert 42 bad_certificate${after}`,
    'self-signed': `alert 48 unknown_ca${after}`,
    'wrong-eku': `alert 43 unsupported_certificate${after}`,
    'intermediate-leaf': ok,
    'intermediate-leaf-nochain': `alert 48 unknown_ca${after}`,
  };
}
