import { createPrivateKey, createPublicKey, sign, X509Certificate } from 'node:crypto';
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extensions,
  id_ce_subjectKeyIdentifier,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { certificateExtensions, subjectKeyIdentifier } from './certificate-extensions.ts';
import { findAttributeType } from './distinguished-name.ts';
import { randomSerialNumber } from './random-serial-number.ts';
import { pemEncode } from './pem-blocks.ts';
import { signatureAlgorithmFor } from './signature-algorithm.ts';
import type { ResolvedIdentity } from './validate-fixture-spec.ts';
import { validityWindow } from './validity-window.ts';

export interface SignCertificateParams {
  identity: ResolvedIdentity;
  /** The subject's key pair, any type (identity-key-pair.ts). */
  publicKeyPem: string;
  privateKeyPem: string;
  /** The CA that signs, as PEM; default: self-signed with the subject's own key. */
  issuer?: { certificatePem: string; privateKeyPem: string };
  /** The generation time that relative validity counts from. */
  now: Date;
  /** Hex serial. Default: 16 random bytes (randomSerialNumber). */
  serialNumber?: string;
}

/**
 * Builds and signs one X.509 v3 certificate for any key type: the structure with @peculiar/asn1-x509,
 * the key and signature with Node's crypto (OpenSSL), as the RSA path does. node-forge can neither
 * hold an EC or Ed25519 key nor parse a certificate with one (forge #532, #1113). Returns the PEM.
 * Pure: no I/O.
 */
export function signCertificate(params: SignCertificateParams): string {
  const { identity } = params;
  const subjectKey = AsnConvert.parse(
    createPublicKey(params.publicKeyPem).export({ type: 'spki', format: 'der' }),
    SubjectPublicKeyInfo,
  );
  const subject = toName(identity.subject);
  const issuerCertificate = params.issuer
    ? AsnConvert.parse(new X509Certificate(params.issuer.certificatePem).raw, Certificate)
    : undefined;
  const authorityKeyId = issuerCertificate
    ? issuerKeyIdentifier(issuerCertificate)
    : subjectKeyIdentifier(subjectKey);
  const signingKey = createPrivateKey(params.issuer?.privateKeyPem ?? params.privateKeyPem);
  const algorithm = signatureAlgorithmFor(signingKey, identity.signatureHash);
  const { notBefore, notAfter } = validityWindow(identity.validity, params.now);

  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(Buffer.from(params.serialNumber ?? randomSerialNumber(), 'hex')),
    signature: algorithm.identifier,
    issuer: issuerCertificate ? issuerCertificate.tbsCertificate.subject : subject,
    validity: new Validity({ notBefore, notAfter }),
    subject,
    subjectPublicKeyInfo: subjectKey,
    extensions: new Extensions(certificateExtensions(identity, subjectKey, authorityKeyId)),
  });
  const tbs = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const signature = sign(algorithm.digest, tbs, algorithm.key);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm.identifier,
    signatureValue: toArrayBuffer(signature),
  });
  return pemEncode(Buffer.from(AsnConvert.serialize(certificate)), 'CERTIFICATE');
}

/** Subject attributes (validated names) → a Name, one attribute a RDN, PrintableString where RFC 5280 asks. */
function toName(subject: Record<string, string>): Name {
  return new Name(
    Object.entries(subject).map(([name, value]) => {
      const type = findAttributeType(name);
      if (!type) throw new Error(`unknown subject attribute ${name}`);
      const attributeValue = new AttributeValue(
        type.printable ? { printableString: value } : { utf8String: value },
      );
      return new RelativeDistinguishedName([
        new AttributeTypeAndValue({ type: type.oid, value: attributeValue }),
      ]);
    }),
  );
}

/** The issuer's own subjectKeyIdentifier, which the AKI must repeat (RFC 5280 §4.2.1.1). */
function issuerKeyIdentifier(issuer: Certificate): ArrayBuffer {
  const extension = issuer.tbsCertificate.extensions?.find(
    (item) => item.extnID === id_ce_subjectKeyIdentifier,
  );
  if (!extension) return subjectKeyIdentifier(issuer.tbsCertificate.subjectPublicKeyInfo);
  return AsnConvert.parse(extension.extnValue, SubjectKeyIdentifier).buffer;
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}
