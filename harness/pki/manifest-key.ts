import type { ManifestIdentity } from './fixture-manifest.ts';
import type { ResolvedKeyFields } from './resolve-key-fields.ts';

/** What manifest.json and listings say of an identity's key: `rsa` 2048, `ec` P-256, `ed25519`. */
export function manifestKey(fields: ResolvedKeyFields): ManifestIdentity['key'] {
  return {
    type: fields.keyAlgorithm,
    ...(fields.keySize === null ? {} : { bits: fields.keySize }),
    ...(fields.curve === null ? {} : { curve: fields.curve }),
  };
}
