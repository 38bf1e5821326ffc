import { sign, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, CertificateList } from '@peculiar/asn1-x509';
import { signatureAlgorithmFor } from './signature-algorithm.ts';

/**
 * @peculiar/x509's generators sign through WebCrypto, which here serves only the RSA PKCS#1 keys of the
 * classic fixtures: a CA with an EC, Ed25519 or RSA-PSS key (the key matrix) gets the generator's
 * structure signed by a throwaway key, then re-signed by Node's crypto (OpenSSL) with the CA's key.
 * RFC 5280 §4.1.1.2 / §5.1.1.2: the algorithm is written twice, inside and outside what is signed.
 */
export function resignWithKey(der: Buffer, kind: 'certificate' | 'crl', key: KeyObject): Buffer {
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

/** Whether WebCrypto can sign with this key as RSASSA-PKCS1-v1_5 (else: resignWithKey). */
export function webCryptoSignsWith(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'rsa';
}
