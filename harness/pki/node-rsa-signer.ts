import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import type forge from 'node-forge';

// DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1): the digest's 32 bytes follow it.
const sha256DigestInfoPrefix = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A stand-in for a forge private key whose `sign(md)` runs RSASSA-PKCS1-v1_5 in OpenSSL: EMSA-PKCS1-v1_5
 * (RFC 8017 §9.2) is the DigestInfo padded with block type 1, which is what privateEncrypt with
 * RSA_PKCS1_PADDING computes. forge's JavaScript modular exponentiation took ~40 ms a signature here,
 * OpenSSL under 2 ms. Only SHA-256 digests are accepted.
 */
export function nodeRsaSigner(privateKeyPem: string): { sign(md: forge.md.MessageDigest): string } {
  const key = createPrivateKey(privateKeyPem);
  return {
    sign(md) {
      if (md.algorithm !== 'sha256') throw new Error(`nodeRsaSigner signs SHA-256 only, not ${md.algorithm}`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const digestInfo = Buffer.concat([sha256DigestInfoPrefix, digest]);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}
