import { normalizeSerial } from '../pki/normalize-serial.ts';
import { chainProblem, type ChainVerification } from './verify-client-chain.ts';

/**
 * What the mock knows of revocation (withRevocation): the certificates its CAs' CRLs list, each as
 * `<issuer SHA-256 fingerprint>/<serial>` (normalizeSerial) (ca1 and ca2 share a subject name, not a
 * key), and whether the CRLs it holds are expired.
 */
export interface MockRevocation {
  revoked: ReadonlySet<string>;
  crlExpired: boolean;
}

/**
 * The verification with revocation applied as OpenSSL does with X509_V_FLAG_CRL_CHECK_ALL (nginx's
 * ssl_crl): every certificate of a path that reached a trust anchor is checked against its issuer's
 * CRL; an expired CRL is CRL_HAS_EXPIRED for every one.
 */
export function checkRevokedChain(
  verification: ChainVerification,
  revocation: MockRevocation,
): ChainVerification {
  if (!verification.trusted) return verification;
  const { path } = verification;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const certificate = path[depth];
    const issuer = path[depth + 1];
    if (certificate === undefined || issuer === undefined) break;
    if (revocation.crlExpired) return refused(verification, chainProblem('CRL_HAS_EXPIRED', depth));
    if (revocation.revoked.has(`${issuer.fingerprint256}/${normalizeSerial(certificate.serialNumber)}`)) {
      return refused(verification, chainProblem('CERT_REVOKED', depth));
    }
  }
  return verification;
}

function refused(
  verification: ChainVerification,
  problem: ReturnType<typeof chainProblem>,
): ChainVerification {
  return { ...verification, trusted: false, problems: [problem, ...verification.problems] };
}
