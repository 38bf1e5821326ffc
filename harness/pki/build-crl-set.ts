import { generateKeyPairSync } from 'node:crypto';
import { buildCrl, type RevokedEntry } from './build-crl.ts';
import { crlFilePath, crlVariants, type CrlVariant } from './crl-files.ts';
import { publicFileMode, type FixtureFile } from './write-fixture-files.ts';
import { pemEncode } from './pem-blocks.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** One CA of a set, with what its CRLs list. */
export interface CrlAuthority {
  name: string;
  certificatePem: string;
  privateKeyPem: string;
  /** Certificates this CA issued that the spec revokes. */
  revoked: readonly RevokedEntry[];
}

/**
 * Every CRL of a set: for each CA, each variant (crl-files.ts) as PEM and DER. Pure: no I/O. `now` is
 * the set's generation time. The wrong-key form is signed by one fresh key shared by every CA: it is
 * none of the set's keys, so no CA of the set (ca2 shares ca1's subject DN) can verify it.
 */
export async function buildCrlSet(authorities: readonly CrlAuthority[], now: Date): Promise<FixtureFile[]> {
  const wrongKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const files = await Promise.all(
    authorities.flatMap((authority) =>
      crlVariants.map(async (variant) => {
        const der = await buildCrl({
          issuerCertificatePem: authority.certificatePem,
          signingKeyPem: variant === 'wrong-key' ? wrongKeyPem : authority.privateKeyPem,
          entries: authority.revoked,
          ...updateTimes(variant, now),
        });
        return [
          { path: crlFilePath(authority.name, variant, 'der'), data: der, mode: publicFileMode },
          {
            path: crlFilePath(authority.name, variant, 'pem'),
            data: pemEncode(der, 'X509 CRL'),
            mode: publicFileMode,
          },
        ];
      }),
    ),
  );
  return files.flat();
}

/** thisUpdate and nextUpdate of one variant; revocation dates are thisUpdate. */
function updateTimes(variant: CrlVariant, now: Date): { thisUpdate: Date; nextUpdate: Date } {
  // A day of slack before `now`, as certificates' notBefore: a gateway whose clock is a little behind
  // must not see the CRL as not yet valid (X509_V_ERR_CRL_NOT_YET_VALID).
  if (variant === 'expired') {
    return {
      thisUpdate: new Date(now.getTime() - 60 * dayMs),
      nextUpdate: new Date(now.getTime() - 30 * dayMs),
    };
  }
  return { thisUpdate: new Date(now.getTime() - dayMs), nextUpdate: new Date(now.getTime() + 825 * dayMs) };
}
