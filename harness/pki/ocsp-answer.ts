import 'reflect-metadata';
import { createPrivateKey, sign } from 'node:crypto';
import type { CertID } from '@peculiar/asn1-ocsp';
import {
  BasicOCSPResponse,
  CertStatus,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  KeyHash,
} from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate, CRLReason, CRLReasons, Extension } from '@peculiar/asn1-x509';
import { X509Certificate } from '@peculiar/x509';
import { signatureAlgorithmFor } from './signature-algorithm.ts';
import { normalizeSerial } from './normalize-serial.ts';
import { publicKeyBits, sha1, type OcspAuthority, type OcspSigner } from './ocsp-authority.ts';

/** The status one answer gave for one certificate, for the report's evidence. */
export type OcspCertStatus = 'good' | 'revoked' | 'unknown';

/**
 * How the responder misbehaves, for the scenarios that need a broken one:
 * - `unknown`: every certificate is `unknown` (RFC 6960 §2.2);
 * - `stale`: thisUpdate 60 days ago, nextUpdate 30 days ago (a response past its validity, §4.2.2.1);
 * - `unauthorized-signer`: signed by a key the CA never delegated to (a certificate without
 *   id-kp-OCSPSigning), so the client must not trust it (§4.2.2.2);
 * - `try-later`: the responseStatus tryLater, no response bytes (§2.3).
 */
export type OcspAnswerFault = 'unknown' | 'stale' | 'unauthorized-signer' | 'try-later';

export interface OcspAnswerParams {
  /** DER OCSPRequest as received. */
  request: Buffer;
  authorities: readonly OcspAuthority[];
  /** Who signs for an authority: the CA (default) or its delegated responder. */
  signerFor: (authority: OcspAuthority) => OcspSigner;
  /** For `unauthorized-signer`: a key and certificate with no OCSP authority. */
  unauthorizedSigner?: OcspSigner;
  fault?: OcspAnswerFault;
  now: Date;
}

/** What was answered, for evidence: the DER and, per certificate asked, its serial and status. */
export interface OcspAnswer {
  der: Buffer;
  responseStatus: keyof typeof OCSPResponseStatus;
  statuses: Array<{ serialNumber: string; issuer: string | null; status: OcspCertStatus }>;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Answers one OCSP request (RFC 6960 §4.2): a BasicOCSPResponse signed by the CA of the first
 * certificate asked (or its delegate), with each certificate's status looked up by issuer key hash
 * and serial in the fixture set: on the CA's CRL → revoked, issued by it → good, else unknown.
 * A request that does not parse gets malformedRequest. Pure: no I/O.
 */
export function answerOcspRequest(params: OcspAnswerParams): OcspAnswer {
  let request: OCSPRequest;
  try {
    request = AsnConvert.parse(params.request, OCSPRequest);
  } catch {
    return bare('malformedRequest');
  }
  if (params.fault === 'try-later') return bare('tryLater');
  const asked = request.tbsRequest.requestList.map((entry) => entry.reqCert);
  const statuses: OcspAnswer['statuses'] = [];
  let authorityOfFirst: OcspAuthority | undefined;
  const responses = asked.map((certId) => {
    const authority = params.authorities.find((candidate) => matches(candidate, certId));
    authorityOfFirst ??= authority;
    const serialNumber = normalizeSerial(Buffer.from(certId.serialNumber).toString('hex'));
    const status = params.fault === 'unknown' ? 'unknown' : statusOf(authority, serialNumber);
    statuses.push({ serialNumber, issuer: authority?.name ?? null, status });
    return new SingleResponse({
      certID: certId,
      certStatus: certStatus(status, authority, serialNumber),
      ...updateTimes(params),
    });
  });
  const authority = authorityOfFirst ?? params.authorities[0];
  if (authority === undefined) return bare('unauthorized');
  const signer =
    params.fault === 'unauthorized-signer' && params.unauthorizedSigner
      ? params.unauthorizedSigner
      : params.signerFor(authority);
  const signerCertificate = new X509Certificate(signer.certificateDer);
  const nonce = request.tbsRequest.requestExtensions?.find(
    (extension) => extension.extnID === id_pkix_ocsp_nonce,
  );
  const data = new ResponseData({
    responderID: new ResponderID({
      byKey: new KeyHash(
        Buffer.from(sha1(publicKeyBits(Buffer.from(signerCertificate.publicKey.rawData))), 'hex'),
      ),
    }),
    producedAt: wholeSeconds(params.now),
    responses,
    // The nonce comes back as it was sent (RFC 8954 §2.1): `openssl ocsp` checks it.
    ...(nonce
      ? { responseExtensions: [new Extension({ extnID: id_pkix_ocsp_nonce, extnValue: nonce.extnValue })] }
      : {}),
  });
  const tbs = Buffer.from(AsnConvert.serialize(data));
  // The signer may be a CA with an EC or Ed25519 key (the key matrix's constrained-ca): the algorithm
  // follows its key, as for the certificates it issues.
  const algorithm = signatureAlgorithmFor(createPrivateKey(signer.privateKeyPem), 'sha256');
  const signature = sign(algorithm.digest, tbs, algorithm.key);
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: algorithm.identifier,
    signature: new Uint8Array(signature).buffer,
    ...(signer.isIssuer ? {} : { certs: [AsnConvert.parse(signer.certificateDer, Certificate)] }),
  });
  const response = new OCSPResponse({
    responseStatus: OCSPResponseStatus.successful,
    responseBytes: new ResponseBytes({
      responseType: id_pkix_ocsp_basic,
      response: new OctetString(AsnConvert.serialize(basic)),
    }),
  });
  return { der: Buffer.from(AsnConvert.serialize(response)), responseStatus: 'successful', statuses };
}

/** The serials (normalised hex) a DER OCSP request asks about; none when it does not parse. */
export function askedSerials(request: Buffer): string[] {
  try {
    return AsnConvert.parse(request, OCSPRequest).tbsRequest.requestList.map((entry) =>
      normalizeSerial(Buffer.from(entry.reqCert.serialNumber).toString('hex')),
    );
  } catch {
    return [];
  }
}

function bare(status: keyof typeof OCSPResponseStatus): OcspAnswer {
  const der = Buffer.from(
    AsnConvert.serialize(new OCSPResponse({ responseStatus: OCSPResponseStatus[status] })),
  );
  return { der, responseStatus: status, statuses: [] };
}

// Clients hash with SHA-1 (OpenSSL's default, and nginx's); other hash algorithms find no CA: unknown.
function matches(authority: OcspAuthority, certId: CertID): boolean {
  if (certId.hashAlgorithm.algorithm !== '1.3.14.3.2.26') return false;
  return (
    Buffer.from(certId.issuerKeyHash.buffer).toString('hex') === authority.keyHashSha1 &&
    Buffer.from(certId.issuerNameHash.buffer).toString('hex') === authority.nameHashSha1
  );
}

function statusOf(authority: OcspAuthority | undefined, serial: string): OcspCertStatus {
  if (authority === undefined) return 'unknown';
  if (authority.revoked.has(serial)) return 'revoked';
  return authority.issued.has(serial) ? 'good' : 'unknown';
}

function certStatus(
  status: OcspCertStatus,
  authority: OcspAuthority | undefined,
  serial: string,
): CertStatus {
  if (status === 'good') return new CertStatus({ good: null });
  if (status === 'unknown') return new CertStatus({ unknown: null });
  return new CertStatus({
    revoked: new RevokedInfo({
      revocationTime: wholeSeconds(authority?.revoked.get(serial) ?? new Date(0)),
      revocationReason: new CRLReason(CRLReasons.keyCompromise),
    }),
  });
}

// GeneralizedTime without fractional seconds, as DER and RFC 5280 §4.1.2.5.2 have it: nginx parses
// thisUpdate/nextUpdate from their printed form and refuses "14:50:03.437" ("invalid nextUpdate time").
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function updateTimes(params: OcspAnswerParams): { thisUpdate: Date; nextUpdate: Date } {
  const now = wholeSeconds(params.now).getTime();
  return params.fault === 'stale'
    ? { thisUpdate: new Date(now - 60 * dayMs), nextUpdate: new Date(now - 30 * dayMs) }
    : { thisUpdate: new Date(now - 60 * 1000), nextUpdate: new Date(now + dayMs) };
}
