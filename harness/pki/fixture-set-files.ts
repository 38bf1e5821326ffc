import { buildPkcs12, type Pkcs12Algorithm } from './build-pkcs12.ts';
import type { BuiltIdentity } from './build-fixture-identities.ts';
import { summarizeCertificate } from './certificate-summary.ts';
import type { ManifestIdentity } from './fixture-manifest.ts';
import type { ResolvedFixtureSpec } from './validate-fixture-spec.ts';
import { manifestKey } from './manifest-key.ts';
import { privateFileMode, publicFileMode, type FixtureFile } from './write-fixture-files.ts';
import { isCaRole } from './fixture-spec.ts';

export interface KeystoreOptions {
  passphrase: string;
  algorithm: Pkcs12Algorithm;
}

/** File names of one identity, relative to the set's folder. */
export function identityFileNames(name: string, hasChain: boolean): ManifestIdentity['files'] {
  return {
    crt: `${name}.crt`,
    key: `${name}.key`,
    p12: `${name}.p12`,
    ...(hasChain ? { chain: `${name}.chain.pem` } : {}),
  };
}

/**
 * The files of one identity and its manifest entry. NAME.chain.pem is the leaf followed by its
 * intermediates: the "full chain" form nginx's ssl_certificate and curl's --cert expect.
 */
export function identityFiles(
  built: BuiltIdentity,
  keystore: KeystoreOptions,
): { files: FixtureFile[]; entry: ManifestIdentity } {
  const { identity, certificatePem, intermediatePems } = built;
  const names = identityFileNames(identity.name, intermediatePems.length > 0);
  const files: FixtureFile[] = [
    { path: names.crt, data: certificatePem, mode: publicFileMode },
    { path: names.key, data: built.keyPair.privateKeyPem, mode: privateFileMode },
    keystoreFile(identity.name, built.keyPair.privateKeyPem, [certificatePem, ...intermediatePems], keystore),
  ];
  if (names.chain)
    files.push({
      path: names.chain,
      data: [certificatePem, ...intermediatePems].join(''),
      mode: publicFileMode,
    });
  const entry: ManifestIdentity = {
    name: identity.name,
    role: identity.role,
    description: identity.description,
    issuerName: identity.issuer,
    ...summarizeCertificate(certificatePem),
    extendedKeyUsage: identity.extendedKeyUsage,
    key: manifestKey(identity),
    files: names,
  };
  return { files, entry };
}

/** NAME.p12: the private key, the leaf and its intermediates, with `name` as keytool's alias. */
export function keystoreFile(
  name: string,
  privateKeyPem: string,
  certificatePems: string[],
  keystore: KeystoreOptions,
): FixtureFile {
  const data = buildPkcs12({
    privateKeyPem,
    certificatePems,
    passphrase: keystore.passphrase,
    algorithm: keystore.algorithm,
    friendlyName: name,
  });
  return { path: `${name}.p12`, data, mode: privateFileMode };
}

/**
 * trust/NAME.pem for every CA, and trust/A+B.pem for each bundle the spec asks for: the files a
 * server's trust store (nginx ssl_client_certificate, Node's `ca`) is pointed at.
 */
export function trustBundleFiles(
  spec: ResolvedFixtureSpec,
  built: Map<string, BuiltIdentity>,
): { files: FixtureFile[]; bundles: Record<string, string> } {
  const singles = spec.identities
    .filter((identity) => isCaRole(identity.role))
    .map((identity) => [identity.name]);
  const files: FixtureFile[] = [];
  const bundles: Record<string, string> = {};
  for (const members of [...singles, ...spec.trustBundles]) {
    const name = members.join('+');
    if (name in bundles) continue;
    const path = `trust/${name}.pem`;
    bundles[name] = path;
    const data = members.map((member) => built.get(member)?.certificatePem ?? '').join('');
    files.push({ path, data, mode: publicFileMode });
  }
  return { files, bundles };
}
