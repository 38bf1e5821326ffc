import { loadIdentity, type IdentitySource, type LoadedIdentity } from '../pki/load-identity.ts';

/** Opens an identity the way loadIdentity() does; a run shares one so each keystore is opened once. */
export type IdentityLoader = (source: IdentitySource) => Promise<LoadedIdentity>;

/**
 * A loader that remembers each outcome, success or keystore error, for the life of one run. Opening a
 * PKCS#12 file derives its keys with PBKDF2 in JavaScript (node-forge), about 100 ms each: per target,
 * the bad-keystore-password scenario and a bring-your-own keystore would cost more than all the
 * target's probes. The outcome depends only on the file and the passphrase, never on the target, so
 * one opening serves every target of the run.
 */
export function createIdentityLoader(load: IdentityLoader = loadIdentity): IdentityLoader {
  const outcomes = new Map<string, Promise<LoadedIdentity>>();
  return (source) => {
    // Every kind of source is file paths and passwords: its JSON names one outcome. Kept in memory only.
    const key = JSON.stringify(source);
    let outcome = outcomes.get(key);
    if (!outcome) {
      outcome = load(source);
      // Keep the rejection observed here too, so a cached failure never reports as unhandled.
      outcome.catch(() => undefined);
      outcomes.set(key, outcome);
    }
    return outcome;
  };
}
