import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { EcCurve } from './fixture-spec.ts';
import { generateRsaKeyPair, type RsaKeyPair } from './rsa-key-pair.ts';
import type { ResolvedKeyFields } from './resolve-key-fields.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

/** PKCS#8 and SubjectPublicKeyInfo PEM of any key type (the RSA shape holds for all). */
export type IdentityKeyPair = RsaKeyPair;

// OpenSSL's names of the NIST curves (RFC 5480 §2.1.1.1: secp256r1 is prime256v1).
const opensslCurveNames: Record<EcCurve, string> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
};

/**
 * Generates the key an identity asks for with OpenSSL on libuv's thread pool. EC and Ed25519 keys
 * take well under a millisecond each, so the new key types cost the set next to nothing; `rsa-pss`
 * is an id-RSASSA-PSS key (RFC 4055 §1.2), which may only sign with PSS.
 */
export async function generateIdentityKeyPair(fields: ResolvedKeyFields): Promise<IdentityKeyPair> {
  switch (fields.keyAlgorithm) {
    case 'rsa':
      return generateRsaKeyPair(fields.keySize ?? 2048);
    case 'rsa-pss':
      return toPem(await generateKeyPairAsync('rsa-pss', { modulusLength: fields.keySize ?? 2048 }));
    case 'ec':
      return toPem(
        await generateKeyPairAsync('ec', { namedCurve: opensslCurveNames[fields.curve ?? 'P-256'] }),
      );
    case 'ed25519':
      return toPem(await generateKeyPairAsync('ed25519', undefined));
  }
}

function toPem({ privateKey, publicKey }: { privateKey: KeyObject; publicKey: KeyObject }): IdentityKeyPair {
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
