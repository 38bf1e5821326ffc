import { join } from 'node:path';

/**
 * The CRL forms written for every CA of a fixture set, under `crl/`:
 * - `current`: lists the CA's revoked certificates, valid from a day ago for 825 days (a leaf's default
 *   lifetime, so it outlives the cached set);
 * - `expired`: the same list with `nextUpdate` 30 days in the past: OpenSSL refuses every client of
 *   that CA with "CRL has expired" (X509_V_ERR_CRL_HAS_EXPIRED);
 * - `wrong-key`: the current list signed by a key that is not the CA's: "CRL signature failure".
 */
export type CrlVariant = 'current' | 'expired' | 'wrong-key';

export const crlVariants: readonly CrlVariant[] = ['current', 'expired', 'wrong-key'];

/** The folder of the CRLs inside a fixture set. */
export const crlFolder = 'crl';

/** `crl/ca1.crl.pem`, `crl/ca1-expired.crl.der`: a CRL's path relative to the set's folder. */
export function crlFilePath(ca: string, variant: CrlVariant, form: 'pem' | 'der' = 'pem'): string {
  const suffix = variant === 'current' ? '' : `-${variant}`;
  return join(crlFolder, `${ca}${suffix}.crl.${form}`);
}
