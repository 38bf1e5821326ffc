import type { X509Certificate } from 'node:crypto';
import { summarizeCertificate } from '../pki/certificate-summary.ts';
import type { AuthorizationServerFlaw } from './authorization-server-flaw.ts';
import { certificateThumbprint } from './certificate-thumbprint.ts';
import type { OAuthClientRegistration } from './oauth-client-registration.ts';
import { parseCertificateBundle } from './parse-certificate-bundle.ts';
import { findAllowedSubject } from './subject-allow-list.ts';
import { verifyClientChain } from './verify-client-chain.ts';

/** Who asks at the token or introspection endpoint: the client_id sent and the connection's certificates. */
export interface OAuthClientAttempt {
  clientId: string;
  /** The certificates presented on the connection, leaf first; [] for none. */
  certificates: readonly X509Certificate[];
}

export type OAuthClientAuthentication =
  | {
      authenticated: true;
      registration: OAuthClientRegistration;
      /** RFC 8705 §3.1 `x5t#S256` of the presented leaf; absent when none was presented (a flawed server only). */
      thumbprint?: string;
      how: string;
    }
  | { authenticated: false; description: string };

/**
 * RFC 8705 §2: the AS finds the client by client_id and MUST enforce the binding between client and
 * certificate; "if no certificate is presented, or that which is presented doesn't match that which
 * is expected for the given client_id", the answer is `invalid_client`. `pkiAnchors` are the CAs a
 * `tls_client_auth` certificate must chain to: the AS verifies the chain itself rather than rely on the
 * TLS layer, whose trust also holds the self-signed certificates registered for the other method; a
 * registration's own `issuersPem` narrows them to its CAs (RFC 8705 §7.4), unless the server is flawed.
 */
export function authenticateOAuthClient(
  attempt: OAuthClientAttempt,
  registrations: readonly OAuthClientRegistration[],
  pkiAnchors: readonly X509Certificate[],
  flaw?: AuthorizationServerFlaw,
): OAuthClientAuthentication {
  const registration = registrations.find((candidate) => candidate.clientId === attempt.clientId);
  if (registration === undefined) {
    return { authenticated: false, description: `client_id ${attempt.clientId} is not registered` };
  }
  const leaf = attempt.certificates[0];
  const thumbprint = leaf === undefined ? {} : { thumbprint: certificateThumbprint(leaf) };
  if (flaw === 'accepts-any-certificate-for-client') {
    return {
      authenticated: true,
      registration,
      ...thumbprint,
      how: 'certificate not checked (flaw accepts-any-certificate-for-client)',
    };
  }
  if (leaf === undefined) {
    return {
      authenticated: false,
      description: `no client certificate was presented; ${registration.authMethod} needs one`,
    };
  }
  if (registration.authMethod === 'self_signed_tls_client_auth') {
    const registered = registration.certificatesPem.map((pem) => certificateThumbprint(pem));
    return registered.includes(certificateThumbprint(leaf))
      ? {
          authenticated: true,
          registration,
          ...thumbprint,
          how: 'the certificate is one registered for the client',
        }
      : {
          authenticated: false,
          description: `the certificate presented is not one registered for client_id ${attempt.clientId}`,
        };
  }
  const verification = verifyClientChain(attempt.certificates, clientAnchors(registration, pkiAnchors, flaw));
  if (!verification.trusted) {
    const problems = verification.problems.map((problem) => problem.message).join('; ');
    return {
      authenticated: false,
      description: `the certificate does not chain to a trusted CA: ${problems}`,
    };
  }
  const match = findAllowedSubject(summarizeCertificate(leaf), [registration.subject]);
  return match === undefined
    ? {
        authenticated: false,
        description: `the certificate's subject and SANs do not match the one registered for client_id ${attempt.clientId}`,
      }
    : {
        authenticated: true,
        registration,
        ...thumbprint,
        how: `the certificate chains to a trusted CA and matches "${match}"`,
      };
}

// RFC 8705 §7.4: the subject identifies the client only under the CAs agreed with it.
function clientAnchors(
  registration: OAuthClientRegistration,
  pkiAnchors: readonly X509Certificate[],
  flaw: AuthorizationServerFlaw | undefined,
): readonly X509Certificate[] {
  if (registration.authMethod !== 'tls_client_auth' || registration.issuersPem === undefined)
    return pkiAnchors;
  if (flaw === 'accepts-impostor-subject') return pkiAnchors;
  const known = anchorsOfRegistration.get(registration);
  if (known) return known;
  const parsed = parseCertificateBundle(registration.issuersPem, `issuersPem of ${registration.clientId}`);
  const anchors = 'problem' in parsed ? [] : parsed.certificates;
  anchorsOfRegistration.set(registration, anchors);
  return anchors;
}

// A registration's CAs are parsed at its first token request, not at every one.
const anchorsOfRegistration = new WeakMap<OAuthClientRegistration, readonly X509Certificate[]>();
