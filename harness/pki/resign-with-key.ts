import { sign, webcrypto, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, CertificateList } from '@peculiar/asn1-x509';
import { signatureAlgorithmFor } from './signature-algorithm.ts';

/**
 * @peculiar/x509's generators sign through WebCrypto, which here serves only the RSA PKCS#1 keys of the
 * classic fixtures: a CA with an EC, Ed25519 or RSA-PSS key (the key matrix) gets the generator's
 * structure signed by a throwaway key, then re-signed by Node's crypto (OpenSSL) with the CA's key.
 * RFC 5280 §4.1.1.2 / §5.1.1.2: the algorithm is written twice, inside and outside what is signed.
 */
function resignWithKey(der: Buffer, kind: 'certificate' | 'crl', key: KeyObject): Buffer {
  const algorithm = signatureAlgorithmFor(key, 'sha256');
  if (kind === 'crl') {
    const list = AsnConvert.parse(der, CertificateList);
    list.tbsCertList.signature = algorithm.identifier;
    list.signatureAlgorithm = algorithm.identifier;
    const tbs = Buffer.from(AsnConvert.serialize(list.tbsCertList));
    list.signature = new Uint8Array(sign(algorithm.digest, tbs, algorithm.key)).buffer;
    return Buffer.from(AsnConvert.serialize(list));
  }
  const certificate = AsnConvert.parse(der, Certificate);
  certificate.tbsCertificate.signature = algorithm.identifier;
  certificate.signatureAlgorithm = algorithm.identifier;
  const tbs = Buffer.from(AsnConvert.serialize(certificate.tbsCertificate));
  certificate.signatureValue = new Uint8Array(sign(algorithm.digest, tbs, algorithm.key)).buffer;
  return Buffer.from(AsnConvert.serialize(certificate));
}

/** How a @peculiar/x509 generator is to sign for a key, and what to do with what it made. */
export interface GeneratorSigning {
  signingAlgorithm: { name: string; hash: string };
  signingKey: webcrypto.CryptoKey;
  /** The generator's DER as it stands (RSA), or re-signed with the key (resignWithKey). */
  finish(der: Buffer): Buffer;
}

/**
 * The signing inputs of a @peculiar/x509 generator for `key`: the key itself when WebCrypto takes it
 * (RSA PKCS#1, the classic fixtures), else a throwaway P-256 key whose signature finish() replaces.
 */
export async function generatorSigningFor(
  key: KeyObject,
  kind: 'certificate' | 'crl',
  crypto: webcrypto.Crypto = webcrypto,
): Promise<GeneratorSigning> {
  if (key.asymmetricKeyType === 'rsa') {
    const signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
    const signingKey = await crypto.subtle.importKey('pkcs8', pkcs8, signingAlgorithm, false, ['sign']);
    return { signingAlgorithm, signingKey, finish: (der) => der };
  }
  const throwaway = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return {
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    signingKey: throwaway.privateKey,
    finish: (der) => resignWithKey(der, kind, key),
  };
}
