import { createPrivateKey, type KeyObject } from 'node:crypto';
import { KeystoreError } from './keystore-error.ts';
import { isPrivateKeyLabel, privateKeyAdvice } from './pem-label-advice.ts';
import { parsePemBlocks } from './pem-blocks.ts';
import { truncated } from './read-certificate-file.ts';
import { describeStart, readInputFile } from './read-input-file.ts';

/**
 * Reads an unencrypted private key: PEM (PKCS#8, PKCS#1 or SEC 1; certificate blocks of a combined
 * file skipped) or DER (PKCS#8, PKCS#1). An encrypted key is refused with the command that decrypts
 * it: the harness takes passphrases for PKCS#12 keystores only.
 */
export async function readPrivateKeyFile(file: string): Promise<KeyObject> {
  const data = await readInputFile(file, 'private key');
  const { blocks, unterminated } = parsePemBlocks(data.toString('latin1'));
  const keyBlock = blocks.find((block) => isPrivateKeyLabel(block.label));
  if (!keyBlock) {
    if (unterminated !== null) throw truncated(file, unterminated);
    const first = blocks[0];
    if (first) {
      throw new KeystoreError(
        file,
        'wrong-pem-type',
        `${file}: holds a ${first.label}, not a private key (-----BEGIN ${first.label}-----). ${privateKeyAdvice(first.label)}.`,
      );
    }
    return parseDer(file, data);
  }
  if (keyBlock.label === 'ENCRYPTED PRIVATE KEY' || keyBlock.encrypted) {
    const seen = keyBlock.encrypted ? 'Proc-Type: 4,ENCRYPTED' : '-----BEGIN ENCRYPTED PRIVATE KEY-----';
    throw new KeystoreError(
      file,
      'encrypted-key',
      `${file}: the private key is encrypted (${seen}). Decrypt it first: openssl pkey -in ${file} -out plain.key.`,
    );
  }
  try {
    return createPrivateKey(keyBlock.pem);
  } catch (error) {
    throw new KeystoreError(
      file,
      'damaged',
      `${file}: the private key does not parse (${(error as Error).message}). The file is damaged: copy or export it again.`,
      { cause: error },
    );
  }
}

function parseDer(file: string, data: Buffer): KeyObject {
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    try {
      return createPrivateKey({ key: data, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  throw new KeystoreError(
    file,
    'not-pem',
    `${file}: not a PEM or DER private key (${describeStart(data)}). Give a file that starts with "-----BEGIN PRIVATE KEY-----".`,
  );
}
