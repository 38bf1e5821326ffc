import type { ResolvedIdentity } from './validate-fixture-spec.ts';

/**
 * Whether an identity needs what only sign-certificate.ts makes: a non-RSA key, a hash other than
 * SHA-256, or one of the policy fields. Everything else keeps the forge path (issue-certificate.ts),
 * so the built-in set's classic certificates are made exactly as before.
 */
export function needsAsn1Path(identity: ResolvedIdentity): boolean {
  return (
    identity.keyAlgorithm !== 'rsa' ||
    identity.signatureHash !== 'sha256' ||
    identity.leafCa !== null ||
    identity.keyUsage !== null ||
    identity.nameConstraints !== null ||
    identity.subjectAltNames.uri.length > 0 ||
    identity.subjectAltNames.email.length > 0
  );
}
