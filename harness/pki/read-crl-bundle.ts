import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X509Crl } from '@peculiar/x509';
import { HarnessError } from '../common/harness-error.ts';
import { crlFilePath, type CrlVariant } from './crl-files.ts';
import type { FixtureManifest } from './fixture-manifest.ts';
import { readFixtureManifest } from './read-fixture-manifest.ts';
import { isCaRole } from './fixture-spec.ts';

/** The CRLs a verifier trusting `roots` needs, one PEM file's text, and which CAs they are from. */
export interface CrlBundle {
  pem: string;
  /** CA names in the order their CRLs appear. */
  cas: string[];
  /** The fixture files read, relative to the set's folder. */
  files: string[];
  /** Each CA's CRL text, in the order of `cas`. */
  pems: string[];
}

/**
 * The CRL of every CA under the trusted roots (the roots and each intermediate that chains to one), in
 * one PEM text: OpenSSL with X509_V_FLAG_CRL_CHECK_ALL (nginx's `ssl_crl`) needs a CRL for every CA of
 * a client's chain and refuses a client whose CA has none ("unable to get certificate CRL"). Each file
 * is parsed first, so a damaged one is named here rather than in a gateway's log.
 */
export async function readCrlBundle(
  setDir: string,
  roots: readonly string[],
  variant: CrlVariant = 'current',
): Promise<CrlBundle> {
  const read = await readFixtureManifest(setDir);
  if (read.manifest === null) {
    throw new HarnessError(
      `${setDir}: cannot read the fixture set's CRLs (${read.reason}). Regenerate it: mtls-conformance fixtures --out ${setDir}.`,
    );
  }
  const cas = casUnder(read.manifest, roots);
  const texts = await Promise.all(cas.map((ca) => readCrlFile(setDir, crlFilePath(ca, variant))));
  return { pem: texts.join(''), cas, files: cas.map((ca) => crlFilePath(ca, variant)), pems: texts };
}

/** Reads and parses one CRL file (PEM); a file that is not one is a one-line error naming it. */
export async function readCrlFile(setDir: string, file: string): Promise<string> {
  const path = join(setDir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HarnessError(
      `${path}: cannot read this CRL (${code}). Regenerate the set's CRLs: mtls-conformance fixtures --out ${setDir}.`,
      { cause: error },
    );
  }
  try {
    new X509Crl(text);
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      `${path}: not a CRL (${said}). Regenerate the set's CRLs: mtls-conformance fixtures --out ${setDir} --force.`,
      { cause: error },
    );
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

function casUnder(manifest: FixtureManifest, roots: readonly string[]): string[] {
  const byName = new Map(manifest.identities.map((identity) => [identity.name, identity]));
  const rootOf = (name: string): string | null => {
    const entry = byName.get(name);
    if (entry === undefined) return null;
    if (entry.issuerName === null) return entry.role === 'root-ca' ? entry.name : null;
    return rootOf(entry.issuerName);
  };
  return manifest.identities
    .filter((identity) => isCaRole(identity.role))
    .filter((identity) => {
      const root = rootOf(identity.name);
      return root !== null && roots.includes(root);
    })
    .map((identity) => identity.name);
}
