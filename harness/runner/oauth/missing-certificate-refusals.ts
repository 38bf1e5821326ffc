/**
 * Which OAuth errors count as the token endpoint refusing a client that presented no certificate, when
 * mutual TLS is the client's only credential (RFC 8705 §2), and why. Decided from RFC 6749 §5.2 and the
 * OpenID Foundation conformance suite, whose FAPI tests remove the client certificate and accept a
 * dropped TLS connection, or with mutual-TLS client authentication `invalid_client` (400, or 401) and
 * `invalid_request` (400) (its CheckErrorFromTokenEndpointResponseErrorInvalidClientOrInvalidRequest);
 * it takes `invalid_grant` only where the certificate serves sender-constraining and another method
 * authenticates the client, which is not the case here.
 */
export interface MissingCertificateRefusal {
  error: string;
  counts: boolean;
  /** Why it counts or not: said in the reason whenever this error is seen. */
  why: string;
  /** The HTTP statuses it counts with (RFC 6749 §5.2: 400, and 401 for a failed client authentication). */
  statuses?: readonly number[];
}

const missingCertificateRefusals: readonly MissingCertificateRefusal[] = [
  {
    error: 'invalid_client',
    counts: true,
    statuses: [400, 401],
    why: 'client authentication failed, as RFC 8705 §2 has the server answer when no certificate is presented',
  },
  {
    error: 'invalid_request',
    counts: true,
    statuses: [400],
    why: 'the request lacks a required credential (RFC 6749 §5.2); the OIDF conformance suite accepts it for a missing mutual-TLS certificate',
  },
  {
    error: 'invalid_grant',
    counts: false,
    why: 'it says the grant is invalid, but a client_credentials request carries none: the server judged the request as from an authenticated client (RFC 6749 §5.2, §4.4); the OIDF conformance suite accepts it only where another method authenticates the client',
  },
  {
    error: 'unauthorized_client',
    counts: false,
    why: 'it says "the authenticated client is not authorized" for this grant (RFC 6749 §5.2): the server took the client as authenticated without a certificate',
  },
];

export function missingCertificateRefusal(error: string | undefined): MissingCertificateRefusal | undefined {
  return missingCertificateRefusals.find((refusal) => refusal.error === error);
}
