import { X509Certificate } from 'node:crypto';
import { constants } from 'node:crypto';
import { createSecureContext, type SecureContext, type SecureVersion } from 'node:tls';
import { HarnessError } from '../common/harness-error.ts';
import type { ClientIdentity } from '../pki/client-identity.ts';

export interface ClientContextOptions {
  identity?: ClientIdentity | undefined;
  serverTrustPem?: string | undefined;
  minVersion?: SecureVersion | undefined;
  maxVersion?: SecureVersion | undefined;
  /**
   * `false`: ask for no TLS 1.2 session ticket (SSL_OP_NO_TICKET, RFC 5077 §3.2), so that a server
   * can only offer a session id, kept in its own cache. Default: tickets welcome, as every client.
   */
  sessionTickets?: boolean | undefined;
}

const secureVersions: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * The client's TLS settings, built before any connection so that a bad identity or version is
 * reported as input the user can fix, not as something the server did.
 */
export function createClientSecureContext(options: ClientContextOptions): SecureContext {
  for (const field of ['minVersion', 'maxVersion'] as const) {
    const version = options[field];
    if (version !== undefined && !secureVersions.includes(version)) {
      throw new HarnessError(
        `Cannot probe with ${field} ${JSON.stringify(version)}. Use one of ${secureVersions.join(', ')}.`,
      );
    }
  }
  if (options.serverTrustPem !== undefined) checkTrustPem(options.serverTrustPem);
  const { identity } = options;
  try {
    return buildContext(options, isLegacy(options.minVersion));
  } catch (error) {
    // OpenSSL 3 refuses to load an RSA-1024 key ("ee key too small") or a SHA-1-signed certificate
    // ("ca md too weak") at the default security level. The probe presents them all the same: whether
    // they are refused is the server's to show (the key matrix's weak-rsa-client, sha1-client).
    const message = error instanceof Error ? error.message : String(error);
    if (identity && /too weak|too small/.test(message)) {
      try {
        return buildContext(options, true);
      } catch {
        // Report the first error: it says what is weak.
      }
    }
    const what = identity ? `present the client identity ${identity.label}` : 'set up the TLS client';
    throw new HarnessError(`Cannot ${what}. ${message}.`, { cause: error });
  }
}

function buildContext(options: ClientContextOptions, securityLevelZero: boolean): SecureContext {
  const { identity } = options;
  return createSecureContext({
    ...(identity && {
      cert: [identity.certificatePem, ...identity.chainPems].join('\n'),
      key: identity.privateKeyPem,
    }),
    ...(options.serverTrustPem !== undefined && { ca: options.serverTrustPem }),
    ...(options.minVersion && { minVersion: options.minVersion }),
    ...(options.maxVersion && { maxVersion: options.maxVersion }),
    // OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level 1 (their handshake signs
    // with SHA-1); a probe asked to try them must be able to.
    ...(securityLevelZero && { ciphers: 'DEFAULT:@SECLEVEL=0' }),
    ...(options.sessionTickets === false && { secureOptions: constants.SSL_OP_NO_TICKET }),
  });
}

function isLegacy(version: SecureVersion | undefined): boolean {
  return version === 'TLSv1' || version === 'TLSv1.1';
}

function checkTrustPem(pem: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new HarnessError(
      'Cannot judge the server with serverTrustPem. It holds no PEM certificate (-----BEGIN CERTIFICATE-----).',
    );
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new HarnessError(
        `Cannot judge the server with serverTrustPem. Certificate ${index + 1} of ${blocks.length} does not parse (${error instanceof Error ? error.message : String(error)}).`,
        { cause: error },
      );
    }
  });
}
