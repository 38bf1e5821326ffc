import { HarnessError } from '../common/harness-error.ts';

/** Why a certificate, key or keystore could not be loaded: lets callers branch without matching text. */
export type KeystoreFailure =
  | 'unreadable'
  | 'empty'
  | 'not-pem'
  | 'wrong-pem-type'
  | 'truncated'
  | 'damaged'
  | 'encrypted-key'
  | 'key-mismatch'
  | 'not-pkcs12'
  | 'wrong-password'
  | 'unsupported-pkcs12'
  | 'incomplete-pkcs12'
  // Java keystores (JKS, and PKCS#12 opened as a keystore with aliases): see read-keystore-file.ts.
  | 'not-keystore'
  | 'unsupported-keystore'
  | 'wrong-key-password'
  | 'unknown-alias'
  | 'ambiguous-alias'
  | 'no-private-key';

/** A HarnessError about one input file, with the failure as data. The message names the file. */
export class KeystoreError extends HarnessError {
  constructor(
    readonly file: string,
    readonly failure: KeystoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isKeystoreError(error: unknown, failure?: KeystoreFailure): error is KeystoreError {
  return error instanceof KeystoreError && (failure === undefined || error.failure === failure);
}

/**
 * Whether an error means "this PKCS#12 password is wrong", from either reader:
 * - Node/OpenSSL (`tls.createSecureContext({ pfx, passphrase })`): message `mac verify failure`
 *   and no `code` (verified on Node 20.20 / OpenSSL 3.0);
 * - node-forge (`pkcs12FromAsn1`): `PKCS#12 MAC could not be verified. Invalid password?`, or, for a
 *   keystore without a MAC, `Unable to decrypt PKCS#8 ShroudedKeyBag, wrong password?`;
 * - this module's own KeystoreError with failure `wrong-password`.
 */
export function isWrongPkcs12Password(error: unknown): boolean {
  if (isKeystoreError(error, 'wrong-password')) return true;
  const message = error instanceof Error ? error.message : '';
  return (
    message === 'mac verify failure' ||
    message.startsWith('PKCS#12 MAC could not be verified') ||
    message.startsWith('Unable to decrypt PKCS#8 ShroudedKeyBag')
  );
}

/**
 * Whether an error means "a password of this keystore is wrong": the store password (JKS integrity
 * check, PKCS#12 MAC) or, for JKS, the key password of the entry.
 */
export function isWrongKeystorePassword(error: unknown): boolean {
  return isWrongPkcs12Password(error) || isKeystoreError(error, 'wrong-key-password');
}
