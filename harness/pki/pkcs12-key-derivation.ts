import { createHash } from 'node:crypto';

/** The purposes of RFC 7292 appendix B.3: the ID byte that makes each derived key distinct. */
export const pkcs12KeyPurpose = { encryptionKey: 1, iv: 2, macKey: 3 } as const;

export interface Pkcs12KeyDerivationParams {
  passphrase: string;
  salt: Buffer;
  iterations: number;
  purpose: (typeof pkcs12KeyPurpose)[keyof typeof pkcs12KeyPurpose];
  /** Bytes wanted. */
  length: number;
  /** `sha1` (the legacy 3DES keystores and their MAC) or `sha256` (the MAC of AES keystores). */
  hash: 'sha1' | 'sha256';
}

/**
 * The PKCS#12 key derivation of RFC 7292 appendix B.2, which PKCS#12 MACs and the
 * pbeWithSHAAnd3-KeyTripleDES-CBC cipher still use (PBKDF2 replaced it only for PBES2 encryption).
 * Node has no API for it; each hash round is native, so 2,048 rounds cost about a millisecond, where
 * node-forge's JavaScript SHA-1 took some 40 ms per keystore.
 */
export function derivePkcs12Key(params: Pkcs12KeyDerivationParams): Buffer {
  const blockSize = 64; // v: the input block of SHA-1 and SHA-256
  const diversifier = Buffer.alloc(blockSize, params.purpose);
  const input = Buffer.concat([
    repeatToBlocks(params.salt, blockSize),
    repeatToBlocks(bmpPassphrase(params.passphrase), blockSize),
  ]);
  const output: Buffer[] = [];
  let produced = 0;
  while (produced < params.length) {
    let digest = createHash(params.hash).update(diversifier).update(input).digest();
    for (let round = 1; round < params.iterations; round += 1) {
      digest = createHash(params.hash).update(digest).digest();
    }
    output.push(digest);
    produced += digest.length;
    if (produced < params.length) addBlockToEachBlock(input, repeatToBlocks(digest, blockSize, blockSize));
  }
  return Buffer.concat(output).subarray(0, params.length);
}

/** The passphrase as the KDF reads it: a BMPString (UTF-16 big-endian) with its two-byte terminator. */
function bmpPassphrase(passphrase: string): Buffer {
  const littleEndian = Buffer.from(`${passphrase}\u0000`, 'utf16le');
  return littleEndian.swap16();
}

/** `value` repeated to fill whole blocks (to `length` when given); empty stays empty. */
function repeatToBlocks(value: Buffer, blockSize: number, length?: number): Buffer {
  if (value.length === 0) return value;
  const size = length ?? Math.ceil(value.length / blockSize) * blockSize;
  const out = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += value.length) value.copy(out, offset);
  return out;
}

/** Step 6C of B.2: every block of `input` becomes (block + addend + 1) mod 2^(8·blockSize). */
function addBlockToEachBlock(input: Buffer, addend: Buffer): void {
  for (let start = 0; start < input.length; start += addend.length) {
    let carry = 1;
    for (let index = addend.length - 1; index >= 0; index -= 1) {
      const sum = (input[start + index] ?? 0) + (addend[index] ?? 0) + carry;
      input[start + index] = sum & 0xff;
      carry = sum >> 8;
    }
  }
}
