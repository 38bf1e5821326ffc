import type { ClientIdentity } from './client-identity.ts';
import type { FixtureManifest } from './fixture-manifest.ts';

/** `jks` exists only in a set made with `fixtures --jks`. */
export type FixtureFileKind = 'crt' | 'key' | 'chain' | 'p12' | 'jks';

/** A fixture set on disk, loaded: names, PEMs and identities, looked up synchronously. */
export interface FixtureSet {
  /** Absolute path of the set's folder. */
  dir: string;
  manifest: FixtureManifest;
  /** Identity names in spec order. */
  names(): string[];
  certificatePem(name: string): string;
  /** Key and certificate ready for a handshake. `withChain` (default true) adds the intermediates. */
  identity(name: string, options?: { withChain?: boolean }): ClientIdentity;
  /** The certificates of the named CAs, concatenated: a trust store. */
  trustBundlePem(caNames: readonly string[]): string;
  /** Absolute path of one file; `chain` only exists where there is an intermediate. */
  path(name: string, kind: FixtureFileKind): string;
  /** The fixture CA that issued `name`, or null when it is self-signed (root CAs included). */
  issuerOf(name: string): string | null;
  /** The root CA `name` chains to (a root CA is its own root), or null for a self-signed leaf. */
  rootOf(name: string): string | null;
}
