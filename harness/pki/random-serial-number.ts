import { randomBytes } from 'node:crypto';

/**
 * A random certificate serial number, as hex for forge. 16 random bytes: RFC 5280 §4.1.2.2 allows up to
 * 20 octets and requires a positive INTEGER, and the CA/Browser Forum asks for at least 64 random bits.
 * The first byte is kept within 0x01–0x7f so the DER INTEGER is positive and needs no leading zero.
 */
export function randomSerialNumber(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(16);
  bytes[0] = ((bytes[0] ?? 0) % 0x7f) + 1;
  return bytes.toString('hex');
}
