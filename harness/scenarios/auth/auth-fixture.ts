import type { CertificateUser } from './certificate-user.ts';

/**
 * A client certificate of the fixture set as the auth-* scenarios weigh it: which `auth.users`
 * entries register it, and whether a TLS layer can accept it at all (resolveAuthFixtures).
 */
export interface AuthFixture {
  name: string;
  /** The root CA it chains to (`intermediate-leaf` → `ca1`), or null when it is self-signed. */
  root: string | null;
  /** Why every TLS layer refuses it whatever it trusts (`has expired`), or null when none does. */
  flaw: string | null;
  /** The `auth.users` entries that register it, in declaration order. */
  registrations: readonly CertificateUser[];
}
