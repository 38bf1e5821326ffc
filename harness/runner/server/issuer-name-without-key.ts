import { summarizeCertificate } from '../../pki/certificate-summary.ts';
import type { TlsEvidence } from '../../probe/observation.ts';
import type { TargetContext } from '../target-context.ts';

// Node's verification results that mean "no trusted certificate signed this one" (OpenSSL's
// X509_V_ERR_* names), as opposed to dates or a name: the case where a look-alike issuer is the cause.
const issuerNotFound = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/**
 * When the server chain does not validate to the declared server CA although its top certificate names
 * that CA as issuer: it was issued by another CA of the same name. With the fixture set that is ca2
 * (ca1's twin by design) or a CA of another fixture set, the usual result of a set regenerated after
 * the gateway was configured. One line saying so, or undefined when the names differ too.
 */
export function issuerNameWithoutKey(tls: TlsEvidence, context: TargetContext): string | undefined {
  if (tls.serverTrusted !== false || !issuerNotFound.has(tls.serverTrustError ?? '')) return undefined;
  const top = tls.serverChain.at(-1);
  const serverTrust = context.serverTrust;
  if (top === undefined || serverTrust === undefined) return undefined;
  const declared = context.declaration.serverCa ?? serverTrust.file;
  const lookAlike = trustedSubjects(serverTrust.pem).includes(top.issuer);
  if (!lookAlike) return undefined;
  const twins = fixtureCasNamed(top.issuer, context).filter((name) => name !== declared);
  const others = [...twins.map((name) => `${name} of this fixture set`), 'a CA of another fixture set'];
  return `the server certificate's issuer has ${declared}'s name (${top.issuer}) but not its key: it was issued by another CA of that name (${others.join(', or ')}; was the set in ${context.fixtures.dir} made after the gateway's certificate?)`;
}

function trustedSubjects(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  return blocks.flatMap((block) => {
    try {
      return [summarizeCertificate(block).subject];
    } catch {
      return [];
    }
  });
}

function fixtureCasNamed(subject: string, context: TargetContext): string[] {
  return context.fixtures.manifest.identities
    .filter((identity) => identity.role.endsWith('ca') && identity.subject === subject)
    .map((identity) => identity.name);
}
