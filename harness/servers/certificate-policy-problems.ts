import type { X509Certificate } from 'node:crypto';
import {
  certificateKeyFacts,
  certificatePolicyFacts,
  describeKey,
  withinDnsSubtree,
} from '../pki/certificate-key-facts.ts';
import { defaultKeyPolicy, type KeyPolicyDeclaration } from '../pki/client-key-policy.ts';

/** The client keys and signatures a mock server accepts, as a target's `accepts:` declares them. */
export type ClientKeyPolicy = KeyPolicyDeclaration;

/**
 * What a careful verifier refuses in a client chain that OpenSSL's default verification lets through
 * or leaves to the security level: a key type or RSA size the policy excludes (OpenSSL: "EE certificate
 * key too weak" from level 2), a SHA-1 signature ("CA signature digest algorithm too weak" from level 1),
 * a leaf marked CA:TRUE (RFC 5280 §4.2.1.9, which OpenSSL does not check), and a leaf DNS name outside
 * a CA's name constraints (RFC 5280 §4.2.1.10, which Node's X509Certificate does not check).
 * `path` is the verified path, leaf first. Empty when nothing is wrong.
 */
export function certificatePolicyProblems(
  path: readonly X509Certificate[],
  policy: ClientKeyPolicy = {},
): string[] {
  const [leaf, ...issuers] = path;
  if (leaf === undefined) return [];
  const problems: string[] = [];
  const facts = certificateKeyFacts(leaf);
  const keyTypes: readonly string[] = policy.keyTypes ?? defaultKeyPolicy.keyTypes;
  const minRsaBits = policy.minRsaBits ?? defaultKeyPolicy.minRsaBits;
  if (!keyTypes.includes(facts.keyType)) {
    problems.push(`its ${facts.keyType} key is not among the accepted key types [${keyTypes.join(', ')}]`);
  } else if (facts.bits !== undefined && facts.bits < minRsaBits) {
    problems.push(
      `its key (${describeKey(facts)}) is smaller than ${minRsaBits} bits (EE certificate key too weak)`,
    );
  }
  if (policy.sha1 !== true) {
    // The trust anchor's own self-signature is not checked by any verifier (RFC 5280 §6.1): only below it.
    const signed = [leaf, ...issuers.slice(0, -1)];
    const depth = signed.findIndex((certificate) => certificateKeyFacts(certificate).weakSignatureHash);
    if (depth >= 0) {
      problems.push(
        `the certificate at depth ${depth} is signed with ${certificateKeyFacts(signed[depth]!).signatureAlgorithm} (CA signature digest algorithm too weak)`,
      );
    }
  }
  const leafPolicy = certificatePolicyFacts(leaf);
  if (leafPolicy.isCa)
    problems.push('it is marked CA:TRUE, a CA certificate presented as a client (RFC 5280 §4.2.1.9)');
  for (const issuer of issuers) {
    const { permittedDns, excludedDns } = certificatePolicyFacts(issuer);
    for (const name of leafPolicy.dnsNames) {
      const permitted =
        permittedDns.length === 0 || permittedDns.some((tree) => withinDnsSubtree(name, tree));
      const excluded = excludedDns.some((tree) => withinDnsSubtree(name, tree));
      if (!permitted || excluded) {
        problems.push(
          `its DNS name ${name} is outside the name constraints of ${issuer.subject.split('\n').join(', ')} (permitted subtree violation)`,
        );
      }
    }
  }
  return problems;
}
