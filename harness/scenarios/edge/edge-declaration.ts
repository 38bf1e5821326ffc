/**
 * Another host name the target's address and port serve: an ordinary site (`mtls: false`), or a second
 * mTLS site with a trust of its own. Declared as `sharedWith:` in the config.
 */
export interface SharedName {
  name: string;
  /** Whether that site requires client certificates itself. */
  mtls: boolean;
  /**
   * For an mTLS site: the fixture CAs it accepts. The scenarios come in through it with a client of a CA
   * it accepts and the target does not, where there is one (the nginx CVE-2025-23419 case).
   */
  trusts?: readonly string[];
}

/** `public.example.test (no mTLS)`, `partner.example.test (mTLS, trusts ca2)`. */
export function describeSharedName(shared: SharedName): string {
  return shared.mtls
    ? `${shared.name} (mTLS, trusts ${(shared.trusts ?? []).join(', ') || 'nothing declared'})`
    : `${shared.name} (no mTLS)`;
}
