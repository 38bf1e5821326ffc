// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import {
  AuthorityKeyIdentifierExtension,
  Extension,
  Name,
  X509Certificate,
  X509CrlGenerator,
  X509CrlReason,
} from '@peculiar/x509';
import { generatorSigningFor } from './resign-with-key.ts';

/** One certificate a CRL lists as revoked. */
export interface RevokedEntry {
  /** Hex serial of the revoked certificate, as issued. */
  serialNumber: string;
  /** Default: `thisUpdate` of the CRL. */
  revocationDate?: Date;
}

export interface BuildCrlParams {
  /** The CA whose CRL this is (PEM): the CRL's issuer name and authorityKeyIdentifier are taken from it. */
  issuerCertificatePem: string;
  /** The key that signs the CRL (PEM). The CA's own key for a valid CRL; another for the wrong-key form. */
  signingKeyPem: string;
  entries: readonly RevokedEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  /** cRLNumber (RFC 5280 §5.2.3), required in a conforming CRL. Default 1. */
  crlNumber?: number;
}

/**
 * Builds and signs one X.509 v2 CRL (SHA-256, with the signing key's algorithm), as DER. Pure: no I/O.
 *
 * The issuer is the CA certificate's subject DER, byte for byte: OpenSSL matches a CRL to its CA by
 * comparing the encoded names (X509_NAME_cmp), so a re-encoded name (UTF8String for PrintableString)
 * would leave the CRL unused. The authorityKeyIdentifier (RFC 5280 §5.2.1) lets OpenSSL tell ca1's CRL
 * from ca2's, whose subject DNs are the same.
 */
export async function buildCrl(
  params: BuildCrlParams,
  crypto: webcrypto.Crypto = webcrypto,
): Promise<Buffer> {
  // @peculiar/x509 is typed against the DOM's WebCrypto (Crypto, CryptoKey); Node's webcrypto is the
  // same API, which this project's types (no "dom" lib) let through as is.
  const issuer = new X509Certificate(params.issuerCertificatePem);
  const signing = await generatorSigningFor(createPrivateKey(params.signingKeyPem), 'crl', crypto);
  const keyIdentifier = await AuthorityKeyIdentifierExtension.create(issuer.publicKey, false, crypto);
  const crlParams = {
    issuer: new Name(issuer.subjectName.toArrayBuffer()),
    thisUpdate: params.thisUpdate,
    nextUpdate: params.nextUpdate,
    signingAlgorithm: signing.signingAlgorithm,
    signingKey: signing.signingKey,
    extensions: [keyIdentifier, crlNumberExtension(params.crlNumber ?? 1)],
    entries: params.entries.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revocationDate ?? params.thisUpdate,
      reason: X509CrlReason.keyCompromise,
    })),
  };
  const crl = await X509CrlGenerator.create(crlParams, crypto);
  return signing.finish(Buffer.from(crl.rawData));
}

// cRLNumber ::= INTEGER (0..MAX), OID 2.5.29.20; small values fit one content byte.
function crlNumberExtension(value: number): Extension {
  if (!Number.isInteger(value) || value < 0 || value > 127) {
    throw new Error(`Cannot build the CRL. crlNumber must be an integer 0..127 (${value})`);
  }
  return new Extension('2.5.29.20', false, new Uint8Array([0x02, 0x01, value]));
}
