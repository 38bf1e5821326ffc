import type { IdentitySource } from '../../pki/load-identity.ts';
import type { TrustedIdentity } from '../target-context.ts';

/**
 * How the bad-keystore-password scenario opens the trusted identity's keystore: with a wrong password
 * (the store password, for a Java keystore) and with the right one. Undefined without a keystore.
 */
export function keystoreAttempts(
  trusted: TrustedIdentity,
): { wrong: IdentitySource; right: IdentitySource } | undefined {
  if (trusted.keystore) {
    const right = trusted.keystore;
    return { wrong: { ...right, storePassword: `${right.storePassword}-wrong` }, right };
  }
  if (trusted.p12) {
    const { file, passphrase } = trusted.p12;
    return {
      wrong: { p12File: file, passphrase: `${passphrase}-wrong` },
      right: { p12File: file, passphrase },
    };
  }
  return undefined;
}
