import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X509Crl } from '@peculiar/x509';
import type { CrlVariant } from './crl-files.ts';
import { normalizeSerial } from './normalize-serial.ts';
import { readCrlBundle } from './read-crl-bundle.ts';
import { readFixtureManifest } from './read-fixture-manifest.ts';

/**
 * The certificates the CRLs of the CAs under `roots` list, each as `<issuer SHA-256 fingerprint>/<serial>`
 * (a CA is told by its key, not its name: ca1 and ca2 share one), and whether those CRLs are past their
 * nextUpdate: what a verifier holding them refuses.
 */
export async function revokedCertificateKeys(
  setDir: string,
  roots: readonly string[],
  variant: CrlVariant,
  now: Date = new Date(),
): Promise<{ revoked: Set<string>; crlExpired: boolean }> {
  const bundle = await readCrlBundle(setDir, roots, variant);
  const read = await readFixtureManifest(setDir);
  const revoked = new Set<string>();
  let crlExpired = false;
  for (const [index, ca] of bundle.cas.entries()) {
    const entry = read.manifest?.identities.find((identity) => identity.name === ca);
    if (entry === undefined) continue;
    const fingerprint = new X509Certificate(await readFile(join(setDir, entry.files.crt), 'utf8'))
      .fingerprint256;
    const crl = new X509Crl(bundle.pems[index] ?? '');
    if (crl.nextUpdate !== undefined && crl.nextUpdate < now) crlExpired = true;
    for (const item of crl.entries) revoked.add(`${fingerprint}/${normalizeSerial(item.serialNumber)}`);
  }
  return { revoked, crlExpired };
}
