import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { crlFilePath } from './crl-files.ts';
import { toOcspAuthority, type OcspAuthority } from './ocsp-authority.ts';
import { readCrlFile } from './read-crl-bundle.ts';
import { readFixtureManifest } from './read-fixture-manifest.ts';
import { isCaRole } from './fixture-spec.ts';

/**
 * Every CA of a fixture set as an OCSP responder sees it: what it issued (the manifest) and what it
 * revoked (its current CRL), so OCSP and CRL never disagree about a certificate.
 */
export async function readOcspAuthorities(setDir: string): Promise<OcspAuthority[]> {
  const read = await readFixtureManifest(setDir);
  if (read.manifest === null) {
    throw new HarnessError(
      `${setDir}: cannot start the OCSP responder (${read.reason}). Regenerate the set: mtls-conformance fixtures --out ${setDir}.`,
    );
  }
  const { identities } = read.manifest;
  const cas = identities.filter((identity) => isCaRole(identity.role));
  return Promise.all(
    cas.map(async (ca) =>
      toOcspAuthority({
        name: ca.name,
        certificatePem: await readFile(join(setDir, ca.files.crt), 'utf8'),
        privateKeyPem: await readFile(join(setDir, ca.files.key), 'utf8'),
        issuedSerials: identities
          .filter((identity) => identity.issuerName === ca.name)
          .map((identity) => identity.serialNumber),
        crlPem: await readCrlFile(setDir, crlFilePath(ca.name, 'current')),
      }),
    ),
  );
}
