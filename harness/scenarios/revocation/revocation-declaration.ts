/**
 * What a target under test does about OCSP for client certificates:
 * - `require`: a certificate whose status it cannot learn (responder down, `unknown`, an answer it
 *   cannot trust) is refused: fail closed;
 * - `soft-fail`: such a certificate is let in; only a `revoked` answer refuses it: fail open, by choice;
 * - `off`: no OCSP.
 */
export type OcspPolicy = 'require' | 'soft-fail' | 'off';

export const ocspPolicies: readonly OcspPolicy[] = ['require', 'soft-fail', 'off'];

/**
 * Which CRL the target holds: the fixture set's `crl/CA.crl.pem` (`current`) or `crl/CA-expired.crl.pem`
 * (`expired`, for stale-crl). With provider nginx or openssl the harness installs that file.
 */
export type CrlFile = 'current' | 'expired';

/** The `revocation:` block of a target: what it is meant to enforce. The revocation scenarios follow it. */
export interface RevocationDeclaration {
  /** The target checks the CRL of every CA in a client's chain (nginx `ssl_crl`). Default false. */
  crl: boolean;
  /** Default `off`. */
  ocsp: OcspPolicy;
  /** Default `current`. */
  crlFile: CrlFile;
}

/** Whether the declaration asks for any revocation check at all. */
export function checksRevocation(revocation: RevocationDeclaration | undefined): boolean {
  return revocation !== undefined && (revocation.crl || revocation.ocsp !== 'off');
}

/** `CRL (crl/CA.crl.pem), OCSP require`: the declaration as a `because` clause. */
export function describeRevocation(revocation: RevocationDeclaration): string {
  const parts = [
    ...(revocation.crl ? [`CRL (${revocation.crlFile === 'expired' ? 'the expired one' : 'current'})`] : []),
    ...(revocation.ocsp !== 'off' ? [`OCSP ${revocation.ocsp}`] : []),
  ];
  return `target declares revocation: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
}
