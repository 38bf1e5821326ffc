import { createSecureContext, type SecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { HarnessError } from '../common/harness-error.ts';
import type { ConnectionSettings } from './accept-tls-connection.ts';
import type { MockMtlsServerSettings } from './mock-mtls-server-settings.ts';
import { parseCertificateBundle } from './parse-certificate-bundle.ts';
import { ciphersForMinVersion, tlsVersions } from './tls-version.ts';

/**
 * Checks a server's settings as a whole and turns them into what each connection needs. Every
 * conflict is reported at once, in one HarnessError, before anything listens.
 */
export function resolveConnectionSettings(
  settings: MockMtlsServerSettings & { virtualHost?: string },
): ConnectionSettings {
  const problems: string[] = [];
  const verifies = settings.clientAuth !== 'none' && settings.misconfiguration !== 'accept-any-certificate';

  const trustAnchors = bundle(settings.trustPem, 'withTrust()', problems);
  if (verifies && settings.trustPem === undefined) {
    problems.push(
      `withClientAuth('${settings.clientAuth}') needs the CAs to trust: call withTrust(pemBundle)`,
    );
  }
  const advertisedCas =
    settings.acceptableCasPem === undefined
      ? trustAnchors
      : settings.acceptableCasPem.trim() === ''
        ? []
        : bundle(settings.acceptableCasPem, 'withAcceptableCas()', problems);
  if (settings.allowedSubjects !== undefined && !verifies) {
    const why =
      settings.clientAuth === 'none'
        ? "withClientAuth('none') requests no certificate"
        : "withMisconfiguration('accept-any-certificate') verifies none";
    problems.push(
      `withAllowedSubjects() needs verified client certificates, but ${why}; remove one of the two`,
    );
  }
  if (settings.misconfiguration !== undefined && settings.clientAuth === 'none') {
    problems.push(
      `withMisconfiguration('${settings.misconfiguration}') has no effect with withClientAuth('none'), which requests no certificate; remove one of the two`,
    );
  }
  if (tlsVersions.indexOf(settings.minVersion) > tlsVersions.indexOf(settings.maxVersion)) {
    problems.push(
      `withTlsVersions('${settings.minVersion}', '${settings.maxVersion}'): the minimum is above the maximum`,
    );
  }

  const secureContext = buildSecureContext(settings, advertisedCas, problems);
  if (problems.length > 0 || secureContext === undefined) {
    throw new HarnessError(
      `Cannot start the mock mTLS server (identity "${settings.identity.label}"): ${problems.join('; ')}.`,
    );
  }
  return {
    secureContext,
    requestCert: settings.clientAuth !== 'none',
    failWithoutCertificate:
      settings.clientAuth === 'require' &&
      settings.refusal === 'handshake' &&
      settings.misconfiguration !== 'accept-any-certificate',
    advertisedCas,
    trustAnchors,
    ...(settings.revocation === undefined ? {} : { revocation: settings.revocation }),
    policy: {
      clientAuth: settings.clientAuth,
      refusal: settings.refusal,
      misconfiguration: settings.misconfiguration,
      allowedSubjects: settings.allowedSubjects,
      keyPolicy: settings.keyPolicy,
      trustsResumedSessions:
        settings.edgeFlaw === 'trusts-resumed-sessions' || settings.edgeFlaw === 'resumes-across-vhosts',
    },
    handshakeTimeoutMs: settings.handshakeTimeoutMs,
    certificateBytes: new X509Certificate(settings.identity.certificatePem).raw.length,
    ...(settings.virtualHost === undefined ? {} : { virtualHost: settings.virtualHost }),
  };
}

const defaultSessionIdContext = 'mtls-conformance mock';

function bundle(pem: string | undefined, what: string, problems: string[]): X509Certificate[] {
  if (pem === undefined) return [];
  const parsed = parseCertificateBundle(pem, what);
  if ('problem' in parsed) {
    problems.push(parsed.problem);
    return [];
  }
  return parsed.certificates;
}

function buildSecureContext(
  settings: MockMtlsServerSettings,
  advertisedCas: readonly X509Certificate[],
  problems: string[],
): SecureContext | undefined {
  const identity = settings.identity;
  try {
    return serverContext(settings, advertisedCas, ciphersForMinVersion(settings.minVersion));
  } catch (error) {
    // OpenSSL 3 will not load an RSA-1024 key ("ee key too small") or a SHA-1-signed certificate
    // ("ca md too weak") at its default security level: a mock that must serve one (the client suite's
    // weak-key-server, sha1-server) does so at level 0, as a careless server would.
    if (/too weak|too small/.test((error as Error).message)) {
      try {
        return serverContext(settings, advertisedCas, 'DEFAULT:@SECLEVEL=0');
      } catch {
        // Report the first error: it names what is weak.
      }
    }
    problems.push(`the server identity "${identity.label}" does not load (${(error as Error).message})`);
    return undefined;
  }
}

function serverContext(
  settings: MockMtlsServerSettings,
  advertisedCas: readonly X509Certificate[],
  ciphers: string | undefined,
): SecureContext {
  const identity = settings.identity;
  return createSecureContext({
    key: identity.privateKeyPem,
    cert: [identity.certificatePem, ...identity.chainPems].join('\n'),
    // Node adds each `ca` certificate to the verify store and to the CertificateRequest's list of
    // acceptable CA names (SSL_CTX_add_client_CA); without `ca` the list is empty. The verdict is
    // reached by verifyClientChain against the trust, so here `ca` only decides what is advertised.
    ...(advertisedCas.length > 0 ? { ca: advertisedCas.map((certificate) => certificate.toString()) } : {}),
    minVersion: settings.minVersion,
    maxVersion: settings.maxVersion,
    ...(ciphers === undefined ? {} : { ciphers }),
    // OpenSSL refuses to resume any session on a server that verifies clients but has no session id
    // context (SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED, ssl/ssl_sess.c): the handshake would fail with
    // internal_error instead. tls.Server sets one itself; a bare TLSSocket gets this one.
    sessionIdContext: settings.sessionIdContext ?? defaultSessionIdContext,
    ...(settings.ticketKeys === undefined ? {} : { ticketKeys: settings.ticketKeys }),
  });
}
