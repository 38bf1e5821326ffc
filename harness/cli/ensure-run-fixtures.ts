import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { FixtureSetReport } from '../pki/generate-fixture-set.ts';
import { openFixtureSet } from '../pki/open-fixture-set.ts';
import {
  passphraseFileName,
  randomPassphrase,
  readPassphraseFile,
  writePassphraseFile,
} from '../pki/passphrase-file.ts';
import { passphraseMatches, type PassphraseVerifier } from '../pki/passphrase-verifier.ts';
import { manifestFileName } from '../pki/read-fixture-manifest.ts';

/** The variable that holds the fixture keystores' passphrase, and how the user named it (for messages). */
export interface FixturePassphraseVariable {
  name: string;
  /** `--fixtures-passphrase-env FIXTURE_PASS`, or `fixtures.passphraseEnv FIXTURE_PASS (mtls-conformance.yaml)`. */
  namedBy: string;
}

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
  passphraseEnv: FixturePassphraseVariable | undefined,
  options: {
    /**
     * Refuse (HarnessError) a passphrase that does not open the set's keystores, checked against the
     * manifest's verifier. Default false: `serve` never opens a keystore. A run does, and a wrong
     * passphrase there would fail bad-keystore-password as if the target were at fault.
     */
    requireKeystorePassphrase?: boolean;
  } = {},
): Promise<RunFixtures> {
  const passphrase = await resolveFixturePassphrase(dir, passphraseEnv);
  runSecrets.add(passphrase.value, passphraseEnv ? `$${passphraseEnv.name}` : 'the fixture passphrase');
  const exists = await access(join(dir, manifestFileName)).then(
    () => true,
    () => false,
  );
  let report: FixtureSetReport | null = null;
  if (!exists) {
    // Loaded only to make a set: certificate building (@peculiar/*) is most of a run's module loading.
    const { generateFixtureSet } = await import('../pki/generate-fixture-set.ts');
    report = await generateFixtureSet({ outDir: dir, passphrase: passphrase.value });
    if (passphrase.generated) await writePassphraseFile(dir, passphrase.value);
  }
  const fixtures = await openFixtureSet(dir);
  const verifier = fixtures.manifest.keystores.passphraseVerifier as PassphraseVerifier | undefined;
  if (options.requireKeystorePassphrase && verifier && !passphraseMatches(verifier, passphrase.value)) {
    throw wrongFixturePassphrase(dir, passphraseEnv, passphrase.generated);
  }
  return { fixtures, passphrase: passphrase.value, report };
}

function wrongFixturePassphrase(
  dir: string,
  passphraseEnv: FixturePassphraseVariable | undefined,
  unknown: boolean,
): HarnessError {
  const remake = `or give the set new keystores: mtls-conformance fixtures --out ${dir}`;
  const giveIt = 'with --fixtures-passphrase-env VAR (or fixtures: { passphraseEnv: VAR } in the config)';
  if (passphraseEnv !== undefined) {
    return new HarnessError(
      `${passphraseEnv.namedBy}: its value does not open the keystores of the fixture set in ${dir} (the manifest's passphrase check fails). Export the passphrase the set was made with, ${remake} --password-env ${passphraseEnv.name}.`,
    );
  }
  if (unknown) {
    return new HarnessError(
      `The fixture set in ${dir} has no ${passphraseFileName}, so its keystore passphrase is unknown. Give it with --fixtures-passphrase-env VAR, or fixtures: { passphraseEnv: VAR } in the config, ${remake}.`,
    );
  }
  return new HarnessError(
    `${join(dir, passphraseFileName)}: the passphrase there does not open the set's keystores (the manifest's passphrase check fails). Give the right one ${giveIt}, ${remake}.`,
  );
}

async function resolveFixturePassphrase(
  dir: string,
  passphraseEnv: FixturePassphraseVariable | undefined,
): Promise<{ value: string; generated: boolean }> {
  if (passphraseEnv !== undefined) {
    const value = process.env[passphraseEnv.name];
    if (value === undefined || value === '') {
      throw new HarnessError(
        `${passphraseEnv.namedBy}: the variable is ${value === undefined ? 'not set' : 'empty'}. Export it first.`,
      );
    }
    return { value, generated: false };
  }
  const kept = await readPassphraseFile(dir);
  return kept === null ? { value: randomPassphrase(), generated: true } : { value: kept, generated: false };
}
