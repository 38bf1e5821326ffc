import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { isFixtureName } from '../config/normalize-config.ts';
import type { ClientIdentity } from '../pki/client-identity.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { openFixtureSet } from '../pki/open-fixture-set.ts';
import { manifestFileName } from '../pki/read-fixture-manifest.ts';

/**
 * `probe --server-ca ca1` and `probe --identity tpp2` name fixtures, as `run --server-ca` does: a value
 * shaped like a fixture name (lower case, digits, dashes) that is not a file there. Undefined when
 * `value` is a path; the set in `fixturesDir` is opened only when a fixture is named.
 */
export async function isFixtureReference(value: string): Promise<boolean> {
  if (!isFixtureName(value)) return false;
  // A file of that name in the working folder wins: `--server-ca ca1` where ./ca1 exists means the file.
  return access(value).then(
    () => false,
    () => true,
  );
}

/** The fixture set a probe flag names a fixture of; never generated (a probe must not invent CAs). */
export async function openProbeFixtures(fixturesDir: string, flag: string): Promise<FixtureSet> {
  const dir = resolve(fixturesDir);
  const exists = await access(join(dir, manifestFileName)).then(
    () => true,
    () => false,
  );
  if (!exists) {
    throw new HarnessError(
      `${flag} names a fixture, but there is no fixture set in ${dir} (no ${manifestFileName}). Give --fixtures DIR (the set's folder), or a file path instead.`,
    );
  }
  return openFixtureSet(dir);
}

/** The PEM of fixture CA `name`, for --server-ca. */
export function fixtureCaPem(fixtures: FixtureSet, name: string): string {
  const cas = fixtures.manifest.identities.filter((identity) => identity.role.endsWith('ca'));
  if (!cas.some((identity) => identity.name === name)) {
    throw new HarnessError(
      `--server-ca ${name}: not a CA of the fixture set in ${fixtures.dir}. Its CAs: ${cas.map((identity) => identity.name).join(', ')}; or give a PEM file.`,
    );
  }
  return fixtures.certificatePem(name);
}

/** Fixture `name`'s certificate (with its chain) and key, for --identity. */
export function fixtureClientIdentity(fixtures: FixtureSet, name: string): ClientIdentity {
  const leaves = fixtures.manifest.identities.filter((identity) => !identity.role.endsWith('ca'));
  if (!leaves.some((identity) => identity.name === name)) {
    throw new HarnessError(
      `--identity ${name}: not a certificate of the fixture set in ${fixtures.dir}. Its identities: ${leaves.map((identity) => identity.name).join(', ')}.`,
    );
  }
  return fixtures.identity(name);
}
