import type { X509Certificate } from 'node:crypto';

/** Verification failures, named as OpenSSL names them (`X509_V_ERR_…` without the prefix), as Node reports them. */
export type ChainErrorCode =
  | 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  | 'UNABLE_TO_GET_ISSUER_CERT'
  | 'DEPTH_ZERO_SELF_SIGNED_CERT'
  | 'SELF_SIGNED_CERT_IN_CHAIN'
  | 'CERT_SIGNATURE_FAILURE'
  | 'CERT_CHAIN_TOO_LONG'
  | 'INVALID_CA'
  | 'INVALID_PURPOSE'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_HAS_EXPIRED'
  | 'CERT_REVOKED'
  | 'CRL_HAS_EXPIRED';

/** OpenSSL's own text for each code (`X509_verify_cert_error_string`), as `openssl verify` prints it. */
const openSslText: Record<ChainErrorCode, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long',
  INVALID_CA: 'invalid CA certificate',
  INVALID_PURPOSE: 'unsuitable certificate purpose',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_REVOKED: 'certificate revoked',
  CRL_HAS_EXPIRED: 'CRL has expired',
};

/** `CERT_REVOKED (certificate revoked) at depth 0`: a problem as verifyClientChain words it. */
export function chainProblem(code: ChainErrorCode, depth: number): ChainProblem {
  return { code, depth, message: `${code} (${openSslText[code]}) at depth ${depth}` };
}

export interface ChainProblem {
  code: ChainErrorCode;
  /** 0 for the leaf, 1 for its issuer, … as `openssl verify` counts. */
  depth: number;
  /** `CERT_HAS_EXPIRED (certificate has expired) at depth 0`. */
  message: string;
}

export interface ChainVerification {
  /** True when there is no problem at all. */
  trusted: boolean;
  /** The path that was built, leaf first, up to the trust anchor when one was reached. */
  path: X509Certificate[];
  /** Every problem found, in the order OpenSSL finds them: path building, extensions, then dates. */
  problems: ChainProblem[];
}

export interface VerifyClientChainOptions {
  /** The moment the dates are checked against. Default: now. */
  at?: Date;
  /** The longest path accepted, trust anchor included. Default: 10 (OpenSSL's default depth is 100). */
  maxLength?: number;
}

const clientAuthOid = '1.3.6.1.5.5.7.3.2';

/**
 * Verifies a presented client chain (leaf first) against trust anchors the way an OpenSSL server with
 * `SSL_VERIFY_PEER` does for the `sslclient` purpose, so that the mock server can verify against a trust
 * that differs from the CA list it advertises, and ignore dates when it is told to be broken.
 *
 * Like OpenSSL without `X509_V_FLAG_PARTIAL_CHAIN` (Node's default), the path must end at a
 * self-signed trusted certificate. One deliberate difference: where several trusted CAs share the
 * issuer's name and the leaf has no authorityKeyIdentifier, OpenSSL tries only the first (nginx then
 * refuses ca2's clients when ca1 and ca2 have the same DN) while this tries each. Not checked:
 * keyUsage of the leaf and pathLenConstraint (Node's X509Certificate does not expose them), CRLs,
 * policies.
 */
export function verifyClientChain(
  presented: readonly X509Certificate[],
  trustAnchors: readonly X509Certificate[],
  options: VerifyClientChainOptions = {},
): ChainVerification {
  const at = options.at ?? new Date();
  const maxLength = options.maxLength ?? 10;
  const [leaf, ...untrusted] = presented;
  if (leaf === undefined) {
    throw new Error('Cannot verify a client chain. It is empty: the client presented no certificate.');
  }

  const problems: ChainProblem[] = [];
  const problem = (code: ChainErrorCode, depth: number): void => {
    problems.push(chainProblem(code, depth));
  };

  const path = [leaf];
  for (;;) {
    const current = path[path.length - 1] as X509Certificate;
    const depth = path.length - 1;
    if (isSelfSigned(current)) {
      if (!trustAnchors.some((anchor) => sameCertificate(anchor, current))) {
        problem(depth === 0 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN', depth);
      }
      break;
    }
    if (path.length >= maxLength) {
      problem('CERT_CHAIN_TOO_LONG', depth);
      break;
    }
    // OpenSSL looks in the trust store first, then among the certificates the peer sent.
    const unused = untrusted.filter(
      (candidate) => !path.some((inPath) => sameCertificate(inPath, candidate)),
    );
    const issuer = findIssuer(current, trustAnchors) ?? findIssuer(current, unused);
    if (issuer === 'bad-signature') {
      problem('CERT_SIGNATURE_FAILURE', depth);
      break;
    }
    if (issuer === undefined) {
      // OpenSSL says "locally" when the path so far holds only what the peer sent.
      const endsAtAnchor = trustAnchors.some((anchor) => sameCertificate(anchor, current));
      problem(endsAtAnchor ? 'UNABLE_TO_GET_ISSUER_CERT' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', depth);
      break;
    }
    path.push(issuer);
  }

  path.forEach((certificate, depth) => {
    if (depth > 0 && !certificate.ca) problem('INVALID_CA', depth);
    const extendedKeyUsage = certificate.keyUsage as string[] | undefined;
    if (extendedKeyUsage !== undefined && !extendedKeyUsage.includes(clientAuthOid)) {
      problem('INVALID_PURPOSE', depth);
    }
  });

  // OpenSSL's internal_verify walks from the anchor down to the leaf.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const certificate = path[depth] as X509Certificate;
    if (at < new Date(certificate.validFrom)) problem('CERT_NOT_YET_VALID', depth);
    if (at > new Date(certificate.validTo)) problem('CERT_HAS_EXPIRED', depth);
  }

  return { trusted: problems.length === 0, path, problems };
}

/** Whether every problem is about dates: what a server that ignores validity dates lets through. */
export function onlyDateProblems(verification: ChainVerification): boolean {
  return verification.problems.every(
    (problem) => problem.code === 'CERT_HAS_EXPIRED' || problem.code === 'CERT_NOT_YET_VALID',
  );
}

function findIssuer(
  subject: X509Certificate,
  candidates: readonly X509Certificate[],
): X509Certificate | 'bad-signature' | undefined {
  // checkIssued is OpenSSL's X509_check_issued: names, authority/subject key identifiers, keyCertSign.
  const named = candidates.filter((candidate) => subject.checkIssued(candidate));
  if (named.length === 0) return undefined;
  return named.find((candidate) => subject.verify(candidate.publicKey)) ?? 'bad-signature';
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
}

function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return a.raw.equals(b.raw);
}
