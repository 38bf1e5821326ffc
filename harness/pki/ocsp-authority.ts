import 'reflect-metadata';
import { createHash, createPrivateKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  X509Certificate,
  X509CertificateGenerator,
  X509Crl,
} from '@peculiar/x509';
import { generatorSigningFor } from './resign-with-key.ts';
import { normalizeSerial } from './normalize-serial.ts';

/** What an OCSP responder knows of one CA: how requests name it, what it issued, what it revoked. */
export interface OcspAuthority {
  name: string;
  certificate: X509Certificate;
  certificateDer: Buffer;
  privateKeyPem: string;
  /** SHA-1 of the CA's subject DER and of its public key bits: the CertID most clients send (RFC 6960 §4.1.1). */
  nameHashSha1: string;
  keyHashSha1: string;
  /** Upper-case hex serials of the certificates the fixture set says it issued. */
  issued: ReadonlySet<string>;
  /** Upper-case hex serial → revocation time, from the CA's current CRL. */
  revoked: ReadonlyMap<string, Date>;
}

/** The fixture files an authority is made from. */
export interface OcspAuthoritySource {
  name: string;
  certificatePem: string;
  privateKeyPem: string;
  /** Serials (hex, any case) of what it issued. */
  issuedSerials: readonly string[];
  /** Its current CRL (PEM), the one source of what is revoked. */
  crlPem: string;
}

export function toOcspAuthority(source: OcspAuthoritySource): OcspAuthority {
  const certificate = new X509Certificate(source.certificatePem);
  const crl = new X509Crl(source.crlPem);
  return {
    name: source.name,
    certificate,
    certificateDer: Buffer.from(certificate.rawData),
    privateKeyPem: source.privateKeyPem,
    nameHashSha1: sha1(Buffer.from(certificate.subjectName.toArrayBuffer())),
    keyHashSha1: sha1(publicKeyBits(Buffer.from(certificate.publicKey.rawData))),
    issued: new Set(source.issuedSerials.map(normalizeSerial)),
    revoked: new Map(crl.entries.map((entry) => [normalizeSerial(entry.serialNumber), entry.revocationDate])),
  };
}

/** The subjectPublicKey BIT STRING's bytes of a SubjectPublicKeyInfo: what key hashes cover. */
export function publicKeyBits(spki: Buffer): Buffer {
  return Buffer.from(AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey);
}

export function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** A key and certificate that sign OCSP responses on behalf of a CA. */
export interface OcspSigner {
  privateKeyPem: string;
  /** DER; sent in the response's `certs` unless it is the CA itself. */
  certificateDer: Buffer;
  /** Whether the signer is the CA (then `certs` stays empty). */
  isIssuer: boolean;
}

/**
 * A delegated responder for `authority` (RFC 6960 §4.2.2.2): a certificate issued by the CA with the
 * id-kp-OCSPSigning extended key usage and id-pkix-ocsp-nocheck (§4.2.2.2.1, so clients do not ask
 * about the responder itself). Valid from a day ago for 30 days; key made here, never written.
 */
export async function issueDelegatedResponder(
  authority: OcspAuthority,
  crypto: webcrypto.Crypto = webcrypto,
): Promise<OcspSigner> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicDer = pair.publicKey.export({ type: 'spki', format: 'der' });
  const publicKey = await crypto.subtle.importKey('spki', publicDer, algorithm, true, ['verify']);
  const signing = await generatorSigningFor(createPrivateKey(authority.privateKeyPem), 'certificate', crypto);
  const now = Date.now();
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: createHash('sha1').update(publicDer).digest('hex').slice(0, 16),
      subject: `CN=OCSP responder for ${authority.name}`,
      issuer: new Name(authority.certificate.subjectName.toArrayBuffer()),
      notBefore: new Date(now - 24 * 3600 * 1000),
      notAfter: new Date(now + 30 * 24 * 3600 * 1000),
      publicKey,
      signingKey: signing.signingKey,
      signingAlgorithm: signing.signingAlgorithm,
      extensions: [
        new BasicConstraintsExtension(false),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.9']),
        // id-pkix-ocsp-nocheck: NULL.
        new Extension('1.3.6.1.5.5.7.48.1.5', false, new Uint8Array([0x05, 0x00])),
      ],
    },
    crypto,
  );
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificateDer: signing.finish(Buffer.from(certificate.rawData)),
    isIssuer: false,
  };
}
