import 'reflect-metadata';
import { AuthorityInfoAccessExtension, CRLDistributionPointsExtension } from '@peculiar/x509';
import type { ResolvedIdentity } from './validate-fixture-spec.ts';

/**
 * crlDistributionPoints (RFC 5280 §4.2.1.13) and authorityInfoAccess with an id-ad-ocsp URL (§4.2.2.1)
 * for an identity whose spec asks for them, as forge extension objects: forge has no encoder for
 * authorityInfoAccess, so both are encoded by @peculiar/x509 and handed over as raw extnValue bytes.
 */
export function revocationUrlExtensions(
  identity: Pick<ResolvedIdentity, 'crlUrl' | 'ocspUrl'>,
): Array<{ id: string; value: string }> {
  const extensions: Array<{ id: string; value: string }> = [];
  if (identity.crlUrl !== undefined) {
    const extension = new CRLDistributionPointsExtension([identity.crlUrl]);
    extensions.push({ id: extension.type, value: Buffer.from(extension.value).toString('binary') });
  }
  if (identity.ocspUrl !== undefined) {
    const extension = new AuthorityInfoAccessExtension({ ocsp: [identity.ocspUrl] });
    extensions.push({ id: extension.type, value: Buffer.from(extension.value).toString('binary') });
  }
  return extensions;
}
