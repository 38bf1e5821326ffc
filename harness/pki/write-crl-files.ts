import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrlAuthority } from './build-crl-set.ts';
import { crlFilePath, crlFolder } from './crl-files.ts';
import type { FixtureManifest } from './fixture-manifest.ts';
import type { ResolvedFixtureSpec } from './validate-fixture-spec.ts';
import { writeFixtureFiles } from './write-fixture-files.ts';
import { isCaRole } from './fixture-spec.ts';

/**
 * Writes `crl/` of a set from its CAs' keys on disk, dated from the set's generation time: replaces the folder, so a CA the spec no longer has
 * leaves no CRL behind. The revoked serials come from the manifest, which identities from the spec.
 */
export async function writeCrlFiles(
  dir: string,
  spec: ResolvedFixtureSpec,
  manifest: FixtureManifest,
): Promise<void> {
  const revokedNames = new Set(
    spec.identities.filter((identity) => identity.revoked).map(({ name }) => name),
  );
  const cas = manifest.identities.filter((identity) => isCaRole(identity.role));
  const authorities: CrlAuthority[] = await Promise.all(
    cas.map(async (ca) => ({
      name: ca.name,
      certificatePem: await readFile(join(dir, ca.files.crt), 'utf8'),
      privateKeyPem: await readFile(join(dir, ca.files.key), 'utf8'),
      revoked: manifest.identities
        .filter((identity) => identity.issuerName === ca.name && revokedNames.has(identity.name))
        .map((identity) => ({ serialNumber: identity.serialNumber })),
    })),
  );
  // Loaded only to write CRLs (@peculiar/x509): a set already in place never loads it.
  const { buildCrlSet } = await import('./build-crl-set.ts');
  const files = await buildCrlSet(authorities, new Date(manifest.generatedAt));
  await rm(join(dir, crlFolder), { recursive: true, force: true });
  await writeFixtureFiles(dir, files);
}

/** Whether every CA of the set has its current CRL on disk (a set made before CRLs existed has none). */
export async function crlFilesPresent(dir: string, manifest: FixtureManifest): Promise<boolean> {
  const cas = manifest.identities.filter((identity) => isCaRole(identity.role));
  const found = await Promise.all(
    cas.map((ca) =>
      stat(join(dir, crlFilePath(ca.name, 'current'))).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}
