import { constants, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { SignatureHash } from './fixture-spec.ts';

/** How an issuer's key signs a certificate: the AlgorithmIdentifier written and Node's sign() inputs. */
export interface SignatureAlgorithm {
  identifier: AlgorithmIdentifier;
  /** Node's digest name; null for Ed25519, which hashes internally (RFC 8032 §5.1.6). */
  digest: SignatureHash | null;
  key: SignKeyObjectInput;
}

// RFC 4055 §5 (RSA), RFC 5758 §3.2 (ECDSA), RFC 8410 §3 (Ed25519), RFC 3279 §2.2 (the SHA-1 forms).
const signatureOids = {
  rsa: { sha1: '1.2.840.113549.1.1.5', sha256: '1.2.840.113549.1.1.11', sha384: '1.2.840.113549.1.1.12' },
  ec: { sha1: '1.2.840.10045.4.1', sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3' },
} as const;
const rsassaPssOid = '1.2.840.113549.1.1.10';
const ed25519Oid = '1.3.101.112';
const derNull = new Uint8Array([0x05, 0x00]).buffer;

// DER AlgorithmIdentifier of each hash with NULL parameters, as RSASSA-PSS-params carry them.
const hashAlgorithmDer: Record<SignatureHash, string> = {
  sha1: '300906052b0e03021a0500',
  sha256: '300d06096086480165030402010500',
  sha384: '300d06096086480165030402020500',
};
const mgf1Oid = '06092a864886f70d010108';
const saltLengths: Record<SignatureHash, number> = { sha1: 20, sha256: 32, sha384: 48 };

/**
 * The signature algorithm for a certificate signed by `signingKey` with `hash`. RSA keys sign
 * PKCS#1 v1.5 (what the seed's `openssl x509 -req` writes), id-RSASSA-PSS keys sign PSS with the
 * salt as long as the hash (RFC 8017 §9.1 recommends it; OpenSSL's `-sigopt rsa_pss_saltlen:digest`).
 */
export function signatureAlgorithmFor(signingKey: KeyObject, hash: SignatureHash): SignatureAlgorithm {
  switch (signingKey.asymmetricKeyType) {
    case 'rsa':
      return {
        identifier: new AlgorithmIdentifier({ algorithm: signatureOids.rsa[hash], parameters: derNull }),
        digest: hash,
        key: { key: signingKey, padding: constants.RSA_PKCS1_PADDING },
      };
    case 'rsa-pss':
      return {
        identifier: new AlgorithmIdentifier({ algorithm: rsassaPssOid, parameters: pssParameters(hash) }),
        digest: hash,
        key: { key: signingKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: saltLengths[hash] },
      };
    case 'ec':
      // RFC 5758 §3.2: the ECDSA identifiers have absent parameters; the signature is DER (r, s).
      return {
        identifier: new AlgorithmIdentifier({ algorithm: signatureOids.ec[hash] }),
        digest: hash,
        key: { key: signingKey, dsaEncoding: 'der' },
      };
    case 'ed25519':
      return {
        identifier: new AlgorithmIdentifier({ algorithm: ed25519Oid }),
        digest: null,
        key: { key: signingKey },
      };
    default:
      throw new Error(
        `Cannot sign a certificate. Unsupported issuer key type ${signingKey.asymmetricKeyType}`,
      );
  }
}

/** RSASSA-PSS-params (RFC 4055 §3.1): hashAlgorithm [0], maskGenAlgorithm [1] MGF1 of the same hash, saltLength [2]. */
function pssParameters(hash: SignatureHash): ArrayBuffer {
  const hashDer = hashAlgorithmDer[hash];
  const mgf = tlv(0x30, mgf1Oid + hashDer);
  const salt = tlv(0x02, saltLengths[hash].toString(16).padStart(2, '0'));
  const der = Buffer.from(tlv(0x30, tlv(0xa0, hashDer) + tlv(0xa1, mgf) + tlv(0xa2, salt)), 'hex');
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.length);
}

/** A DER TLV in hex, for contents under 128 bytes (the short length form). */
function tlv(tag: number, contentHex: string): string {
  const length = contentHex.length / 2;
  if (length >= 0x80) throw new Error('tlv: contents too long for the short form');
  return tag.toString(16).padStart(2, '0') + length.toString(16).padStart(2, '0') + contentHex;
}
