import forge from 'node-forge';
import { toForgeAttributes } from './distinguished-name.ts';
import { nodeRsaSigner } from './node-rsa-signer.ts';
import { revocationUrlExtensions } from './revocation-url-extensions.ts';
import { randomSerialNumber } from './random-serial-number.ts';
import type { ResolvedIdentity } from './validate-fixture-spec.ts';
import { validityWindow } from './validity-window.ts';
import { isCaRole } from './fixture-spec.ts';

/** The CA that signs a certificate; absent for a self-signed one. */
export interface CertificateIssuer {
  certificate: forge.pki.Certificate;
  privateKeyPem: string;
}

export interface IssueCertificateParams {
  identity: ResolvedIdentity;
  /** The subject's key pair. */
  publicKeyPem: string;
  privateKeyPem: string;
  /** Default: self-signed with the subject's own key. */
  issuer?: CertificateIssuer;
  /** The generation time that relative validity counts from. */
  now: Date;
  /** Hex serial. Default: 16 random bytes (randomSerialNumber). */
  serialNumber?: string;
}

/** Builds and signs one X.509 v3 certificate (SHA-256 with RSA) for a resolved identity. Pure: no I/O. */
export function issueCertificate(params: IssueCertificateParams): forge.pki.Certificate {
  const { identity } = params;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(params.publicKeyPem);
  certificate.serialNumber = params.serialNumber ?? randomSerialNumber();
  const { notBefore, notAfter } = validityWindow(identity.validity, params.now);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setSubject(toForgeAttributes(identity.subject));
  certificate.setIssuer(
    params.issuer ? params.issuer.certificate.subject.attributes : certificate.subject.attributes,
  );

  // The authority key identifier must be the issuer's subject key identifier (RFC 5280 §4.2.1.1).
  // forge's `keyIdentifier: true` would put the subject's own id there, so pass the issuer's bytes.
  // With it, OpenSSL (nginx) tells ca1 from ca2, which share one subject DN, when it builds the chain.
  const issuerKeyId = (params.issuer?.certificate ?? certificate).generateSubjectKeyIdentifier().getBytes();
  certificate.setExtensions([
    ...basicExtensions(identity),
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId },
  ]);
  const signingKey = params.issuer?.privateKeyPem ?? params.privateKeyPem;
  certificate.sign(
    nodeRsaSigner(signingKey) as unknown as forge.pki.rsa.PrivateKey,
    forge.md.sha256.create(),
  );
  return certificate;
}

function basicExtensions(identity: ResolvedIdentity): object[] {
  const isCa = isCaRole(identity.role);
  const extensions: object[] = isCa
    ? [
        // RFC 5280 §4.2.1.9: CAs mark basicConstraints critical; §4.2.1.3: keyCertSign for CAs.
        { name: 'basicConstraints', critical: true, cA: true, ...pathLength(identity) },
        { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true, digitalSignature: true },
      ]
    : [
        // As the seed's tppN.cnf: basicConstraints = CA:FALSE, keyUsage = critical,digitalSignature,keyEncipherment.
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
      ];
  if (identity.extendedKeyUsage.length > 0) {
    extensions.push({
      name: 'extKeyUsage',
      ...Object.fromEntries(identity.extendedKeyUsage.map((usage) => [usage, true])),
    });
  }
  const altNames = [
    ...identity.subjectAltNames.dns.map((value) => ({ type: 2, value })),
    ...identity.subjectAltNames.ip.map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  for (const { id, value } of revocationUrlExtensions(identity)) {
    extensions.push({ id, value: value.toString('binary') });
  }
  return extensions;
}

function pathLength(identity: ResolvedIdentity): { pathLenConstraint?: number } {
  return identity.pathLength === null ? {} : { pathLenConstraint: identity.pathLength };
}
