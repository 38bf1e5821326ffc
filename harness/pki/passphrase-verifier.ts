import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Lets a cached fixture set tell whether its PKCS#12 files were made with a given passphrase without
 * storing the passphrase: a salted PBKDF2 hash. The .p12 files beside it are already an offline oracle
 * for the passphrase (PKCS#12 KDF, 2048 iterations), so a verifier at least as costly adds no exposure;
 * scrypt's defaults took ~60 ms here, too much for a cache hit meant to stay well under 100 ms.
 */
export interface PassphraseVerifier {
  kdf: 'pbkdf2-sha256';
  iterations: number;
  /** Hex, 16 bytes. */
  salt: string;
  /** Hex, 32 bytes. */
  hash: string;
}

/** `salt` default: 16 random bytes. */
export function createPassphraseVerifier(
  passphrase: string,
  salt: Buffer = randomBytes(16),
): PassphraseVerifier {
  const iterations = 10_000;
  const hash = pbkdf2Sync(passphrase, salt, iterations, 32, 'sha256');
  return { kdf: 'pbkdf2-sha256', iterations, salt: salt.toString('hex'), hash: hash.toString('hex') };
}

export function passphraseMatches(verifier: PassphraseVerifier, passphrase: string): boolean {
  if (verifier.kdf !== 'pbkdf2-sha256' || !Number.isInteger(verifier.iterations)) return false;
  const expected = Buffer.from(verifier.hash, 'hex');
  if (expected.length !== 32) return false;
  const actual = pbkdf2Sync(passphrase, Buffer.from(verifier.salt, 'hex'), verifier.iterations, 32, 'sha256');
  return timingSafeEqual(expected, actual);
}
