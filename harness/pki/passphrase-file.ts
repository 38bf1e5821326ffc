import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';

/**
 * DIR/passphrase.txt: where a fixture set keeps a generated keystore passphrase when the user gave
 * none, so throwaway fixtures need no secret management and a second run reuses the same keystores.
 */
export const passphraseFileName = 'passphrase.txt';

/** 18 random bytes, base64url: 24 characters, no shell-special ones, over keytool's 6-character minimum. */
export function randomPassphrase(): string {
  return randomBytes(18).toString('base64url');
}

export async function readPassphraseFile(dir: string): Promise<string | null> {
  const text = await readFile(join(dir, passphraseFileName), 'utf8').catch(() => null);
  return text === null || text.trim() === '' ? null : text.trim();
}

/** Writes the passphrase, owner-only (0600), and returns the file's path. */
export async function writePassphraseFile(dir: string, passphrase: string): Promise<string> {
  const file = join(dir, passphraseFileName);
  await writeFileAtomic(file, `${passphrase}\n`, 0o600);
  return file;
}

export async function removePassphraseFile(dir: string): Promise<void> {
  await rm(join(dir, passphraseFileName), { force: true });
}
