import { fileURLToPath } from 'node:url';
import { generateFixtureSet } from '../../harness/pki/generate-fixture-set.ts';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import { openFixtureSet } from '../../harness/pki/open-fixture-set.ts';

/** The passphrase of every .p12 in the shared test set. Not a secret: test keys only. */
export const testPassphrase = 'test-passphrase-not-secret';

/** `.tmp/test-fixtures` at the repository root (git-ignored), wherever mocha is started from. */
export const testFixturesDir = fileURLToPath(new URL('../../.tmp/test-fixtures', import.meta.url));

let shared: Promise<FixtureSet> | undefined;

/**
 * The built-in fixture set, generated once per process (and reused across runs through the
 * generator's cache, which a second process waits for through the folder lock).
 */
export async function testFixtures(): Promise<FixtureSet> {
  shared ??= generateFixtureSet({ outDir: testFixturesDir, passphrase: testPassphrase }).then((report) =>
    openFixtureSet(report.dir),
  );
  return shared;
}
