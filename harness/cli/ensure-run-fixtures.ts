import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { generateFixtureSet, type FixtureSetReport } from '../pki/generate-fixture-set.ts';
import { openFixtureSet } from '../pki/open-fixture-set.ts';
import { randomPassphrase, readPassphraseFile, writePassphraseFile } from '../pki/passphrase-file.ts';
import { manifestFileName } from '../pki/read-fixture-manifest.ts';

export interface RunFixtures {
  fixtures: FixtureSet;
  /** Opens the set's PKCS#12 files. Never printed. */
  passphrase: string;
  /** What happened to the set on disk, for one line of output. */
  report: FixtureSetReport | null;
}

/**
 * The fixture set a run uses: the one in `dir` when there is one, made with the built-in spec when
 * there is none (so `npx mtls-conformance run` works on a fresh checkout). The keystore passphrase
 * comes from `passphraseEnv`, else the set's own passphrase.txt, else a new random one kept there.
 */
export async function ensureRunFixtures(
  dir: string,
  passphraseEnv: string | undefined,
): Promise<RunFixtures> {
  const passphrase = await resolveFixturePassphrase(dir, passphraseEnv);
  const exists = await access(join(dir, manifestFileName)).then(
    () => true,
    () => false,
  );
  let report: FixtureSetReport | null = null;
  if (!exists) {
    report = await generateFixtureSet({ outDir: dir, passphrase: passphrase.value });
    if (passphrase.generated) await writePassphraseFile(dir, passphrase.value);
  }
  return { fixtures: await openFixtureSet(dir), passphrase: passphrase.value, report };
}

async function resolveFixturePassphrase(
  dir: string,
  passphraseEnv: string | undefined,
): Promise<{ value: string; generated: boolean }> {
  if (passphraseEnv !== undefined) {
    const value = process.env[passphraseEnv];
    if (value === undefined || value === '') {
      throw new HarnessError(
        `--fixtures-passphrase-env ${passphraseEnv}: the variable is ${value === undefined ? 'not set' : 'empty'}. Export it first.`,
      );
    }
    return { value, generated: false };
  }
  const kept = await readPassphraseFile(dir);
  return kept === null ? { value: randomPassphrase(), generated: true } : { value: kept, generated: false };
}
