import 'reflect-metadata';
import { AuthorityInfoAccessExtension, CRLDistributionPointsExtension } from '@peculiar/x509';
import type { ResolvedIdentity } from './validate-fixture-spec.ts';

/**
 * crlDistributionPoints (RFC 5280 §4.2.1.13) and authorityInfoAccess with an id-ad-ocsp URL (§4.2.2.1)
 * for an identity whose spec asks for them, as OID and DER extnValue: both certificate builders (forge,
 * which has no encoder for authorityInfoAccess, and the ASN.1 path) take them as raw bytes.
 */
export function revocationUrlExtensions(
  identity: Pick<ResolvedIdentity, 'crlUrl' | 'ocspUrl'>,
): Array<{ id: string; value: Buffer }> {
  const extensions: Array<{ id: string; value: Buffer }> = [];
  if (identity.crlUrl !== undefined) {
    const extension = new CRLDistributionPointsExtension([identity.crlUrl]);
    extensions.push({ id: extension.type, value: Buffer.from(extension.value) });
  }
  if (identity.ocspUrl !== undefined) {
    const extension = new AuthorityInfoAccessExtension({ ocsp: [identity.ocspUrl] });
    extensions.push({ id: extension.type, value: Buffer.from(extension.value) });
  }
  return extensions;
}
