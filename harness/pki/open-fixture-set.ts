import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { summarizeCertificate, type CertificateSummary } from './certificate-summary.ts';
import type { ManifestIdentity } from './fixture-manifest.ts';
import type { FixtureSet } from './fixture-set.ts';
import { certificatePems } from './pem-blocks.ts';
import { readFixtureManifest } from './read-fixture-manifest.ts';

/** Re-exported: the interface lives in fixture-set.ts; callers may take it from either. */
export type { FixtureSet } from './fixture-set.ts';

interface LoadedIdentity {
  entry: ManifestIdentity;
  certificatePem: string;
  privateKeyPem: string;
  intermediatePems: string[];
  summary: CertificateSummary;
}

/** Opens the set generateFixtureSet wrote into `dir`. */
export async function openFixtureSet(dir: string): Promise<FixtureSet> {
  const absolute = resolve(dir);
  const read = await readFixtureManifest(absolute);
  if (read.manifest === null) {
    throw new HarnessError(
      `${absolute}: not a fixture set (${read.reason}). Generate one: mtls-conformance fixtures --out ${dir}.`,
    );
  }
  const manifest = read.manifest;
  const loaded = new Map<string, LoadedIdentity>();
  await Promise.all(
    manifest.identities.map(async (entry) => {
      const [certificatePem, privateKeyPem, chainPem] = await Promise.all([
        readSetFile(absolute, entry.files.crt),
        readSetFile(absolute, entry.files.key),
        entry.files.chain ? readSetFile(absolute, entry.files.chain) : Promise.resolve(''),
      ]);
      // NAME.chain.pem is the leaf then its intermediates; keep the intermediates.
      const intermediatePems = certificatePems(chainPem).slice(1);
      loaded.set(entry.name, {
        entry,
        certificatePem,
        privateKeyPem,
        intermediatePems,
        summary: summarizeCertificate(certificatePem),
      });
    }),
  );
  const names = manifest.identities.map((entry) => entry.name);
  const get = (name: string): LoadedIdentity => {
    const identity = loaded.get(name);
    if (!identity) {
      throw new HarnessError(
        `Cannot find fixture "${name}" in ${absolute}. Known fixtures: ${names.join(', ')}.`,
      );
    }
    return identity;
  };
  const rootOf = (name: string): string | null => {
    const { entry } = get(name);
    if (entry.issuerName === null) return entry.role === 'root-ca' ? entry.name : null;
    return rootOf(entry.issuerName);
  };

  return {
    dir: absolute,
    manifest,
    names: () => [...names],
    certificatePem: (name) => get(name).certificatePem,
    identity: (name, options) => {
      const identity = get(name);
      return {
        label: name,
        certificatePem: identity.certificatePem,
        chainPems: options?.withChain === false ? [] : [...identity.intermediatePems],
        privateKeyPem: identity.privateKeyPem,
        certificate: identity.summary,
      };
    },
    trustBundlePem: (caNames) => caNames.map((name) => get(name).certificatePem).join(''),
    path: (name, kind) => {
      const file = get(name).entry.files[kind];
      if (file === undefined) {
        const why =
          kind === 'jks'
            ? 'the set was made without --jks; run mtls-conformance fixtures --jks'
            : 'only identities behind an intermediate have a chain file';
        throw new HarnessError(`Cannot give the ${kind} file of fixture "${name}": it has none (${why}).`);
      }
      return join(absolute, file);
    },
    issuerOf: (name) => get(name).entry.issuerName,
    rootOf,
  };
}

async function readSetFile(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HarnessError(
      `${join(dir, file)}: cannot read this fixture file (${code}). Regenerate the set: mtls-conformance fixtures --out ${dir} --force.`,
      { cause: error },
    );
  }
}
