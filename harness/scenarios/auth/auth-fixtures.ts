import type { FixtureSet } from '../../pki/fixture-set.ts';
import { findAllowedSubject } from '../../servers/subject-allow-list.ts';
import type { AuthDeclaration } from './auth-declaration.ts';
import type { AuthFixture } from './auth-fixture.ts';
import type { CertificateUser } from './certificate-user.ts';

/** What resolving `users` takes from a fixture set. */
export type AuthFixtureSource = Pick<FixtureSet, 'manifest' | 'rootOf'>;

/**
 * What a `users[].subject` registers, as the built-in mock registers it: a fixture name stands for that
 * fixture's subject DN; anything else is a DN or a SAN value (see findAllowedSubject).
 */
export function certificateSubjectPattern(subject: string, fixtures: Pick<FixtureSet, 'manifest'>): string {
  return fixtures.manifest.identities.find((identity) => identity.name === subject)?.subject ?? subject;
}

/**
 * The client certificates of the fixture set with the `users` entries that register them, matched as
 * the mock matches a presented certificate: by fixture name, by DN or by SAN. `now` decides validity.
 */
export function resolveAuthFixtures(
  users: readonly CertificateUser[],
  fixtures: AuthFixtureSource,
  now: Date = new Date(),
): AuthFixture[] {
  const patterns = users.map((entry) => certificateSubjectPattern(entry.subject, fixtures));
  return fixtures.manifest.identities
    .filter((identity) => identity.role === 'client')
    .map((identity) => {
      const root = fixtures.rootOf(identity.name);
      const eku = identity.extendedKeyUsage;
      const flaw =
        root === null
          ? 'is self-signed'
          : eku.length > 0 && !eku.includes('clientAuth')
            ? 'has no clientAuth extended key usage'
            : now < new Date(identity.notBefore)
              ? 'is not valid yet'
              : now > new Date(identity.notAfter)
                ? 'has expired'
                : null;
      const registrations = users.filter(
        (_, index) => findAllowedSubject(identity, [patterns[index] ?? '']) !== undefined,
      );
      return { name: identity.name, root, flaw, registrations };
    });
}

/** The users a fixture is registered to, in declaration order, each once. */
export function ownersOf(fixture: AuthFixture): string[] {
  return [...new Set(fixture.registrations.map((entry) => entry.user))];
}

/** True when a target trusting `trusts` lets the fixture through its TLS layer. */
export function passesTls(fixture: AuthFixture, trusts: readonly string[]): boolean {
  return fixture.flaw === null && fixture.root !== null && trusts.includes(fixture.root);
}

/** `tpp2 chains to ca2, which the target does not trust`, `expired has expired`. */
export function whyTlsRefuses(fixture: AuthFixture): string {
  return `${fixture.name} ${fixture.flaw ?? `chains to ${fixture.root ?? 'no CA'}, which the target does not trust`}`;
}

/** ` (by its SAN tpp3.demo.axway.com)`, ` (by its DN)`, or nothing where the entry names the fixture. */
export function describeRegistration(fixture: AuthFixture, entry: CertificateUser): string {
  if (entry.subject === fixture.name) return '';
  return entry.subject.includes('=') ? ' (by its DN)' : ` (by its SAN ${entry.subject})`;
}

/**
 * The registered fixtures in the order of `users`: those its first entry registers, then the second's,
 * each once. The order of the fixture set breaks ties.
 */
export function fixturesInUsersOrder(auth: AuthDeclaration, fixtures: readonly AuthFixture[]): AuthFixture[] {
  const ordered: AuthFixture[] = [];
  for (const entry of auth.users) {
    for (const fixture of fixtures) {
      if (!ordered.includes(fixture) && fixture.registrations.some((each) => sameEntry(each, entry))) {
        ordered.push(fixture);
      }
    }
  }
  return ordered;
}

function sameEntry(a: CertificateUser, b: CertificateUser): boolean {
  return a.subject === b.subject && a.user === b.user;
}

/** Why no choice can be made on a declaration built without its fixture set. */
export const unresolvedFixtures =
  'auth.users is not resolved against the fixture set, so which fixture certificate is whose is not known; build the declaration with withAuthFixtures(declaration, fixtures), as the run command does';
