import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../../common/harness-error.ts';
import { runSecrets } from '../../common/run-secrets.ts';
import { formatKeystoreInspection } from '../../pki/format-keystore-inspection.ts';
import { inspectKeystore, type KeystoreInspection } from '../../pki/inspect-keystore.ts';
import { readFixtureCas } from '../../pki/read-fixture-cas.ts';
import { readKeystoreFile } from '../../pki/read-keystore-file.ts';
import { selectPrivateKeyEntry } from '../../pki/select-keystore-entry.ts';
import { defineCommand } from '../command-module.ts';
import { ExitCode } from '../exit-codes.ts';

interface KeystoreInspectOptions {
  file: string;
  alias?: string;
  passphraseEnv?: string;
  keyPassphraseEnv?: string;
  fixtures?: string;
  json: boolean;
}

/** Where the built-in fixture set is looked for when --fixtures is not given. */
const defaultFixturesDir = 'fixtures';

export const keystoreInspectCommand = defineCommand<KeystoreInspectOptions>({
  command: 'inspect <file>',
  describe:
    'Show what a keystore holds: type, aliases, entry kinds, subjects, issuers, validity, chain, fixture CA',
  builder: (yargs) =>
    yargs
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'A .jks, .p12, .pfx or truststore file',
      })
      .option('alias', {
        type: 'string',
        describe: 'Show only this entry (an unknown alias lists the others)',
      })
      .option('passphrase-env', {
        type: 'string',
        describe: 'Environment variable holding the store password (PKCS#12 needs it; JKS is listed without)',
      })
      .option('key-passphrase-env', {
        type: 'string',
        describe:
          'Environment variable holding the key password of JKS entries (default: the store password)',
      })
      .option('fixtures', {
        type: 'string',
        describe: `Fixture set to name the CA the chains lead to (default: ./${defaultFixturesDir} when it is one)`,
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the inspection as JSON on stdout' })
      .example('$0 keystore inspect client.jks', 'aliases and certificates of a JKS, no password needed')
      .example(
        'JKS_PASS=changeit $0 keystore inspect client.jks --passphrase-env JKS_PASS',
        'also check the passwords',
      )
      .example(
        'P12_PASS=s3cret $0 keystore inspect fixtures/tpp1.p12 --passphrase-env P12_PASS --json',
        '',
      ) as never,
  run: async (options) => {
    const storePassword = readVariable('--passphrase-env', options.passphraseEnv);
    const keyPassword = readVariable('--key-passphrase-env', options.keyPassphraseEnv);
    const file = options.file;
    const opened = await readKeystoreFile(file, {
      ...(storePassword === undefined ? {} : { storePassword }),
      // Named even when not given: a PKCS#12 cannot be listed without it, and the message says which flag.
      storePasswordSource:
        options.passphraseEnv === undefined
          ? '--passphrase-env VAR'
          : `--passphrase-env ${options.passphraseEnv}`,
    });
    const wanted = options.alias?.toLowerCase();
    const entries = opened.entries.filter(
      (entry) => wanted === undefined || entry.alias.toLowerCase() === wanted,
    );
    // The same one-line error as loading an identity with a wrong alias: it lists the aliases there are.
    if (options.alias !== undefined && entries.length === 0)
      selectPrivateKeyEntry(opened, options.alias, '--alias');
    const contents = { ...opened, entries };
    const fixturesDir =
      options.fixtures ??
      (existsSync(join(defaultFixturesDir, 'manifest.json')) ? defaultFixturesDir : undefined);
    const knownCas = fixturesDir === undefined ? undefined : await readFixtureCas(fixturesDir);
    const keyPasswordOption =
      storePassword === undefined
        ? undefined
        : {
            value: keyPassword ?? storePassword,
            isStorePassword: keyPassword === undefined,
            source:
              options.keyPassphraseEnv === undefined
                ? '--key-passphrase-env'
                : `--key-passphrase-env ${options.keyPassphraseEnv}`,
          };
    const inspection: KeystoreInspection = inspectKeystore(contents, {
      ...(knownCas === undefined ? {} : { knownCas }),
      ...(fixturesDir === undefined ? {} : { fixtures: resolve(fixturesDir) }),
      ...(keyPasswordOption === undefined ? {} : { keyPassword: keyPasswordOption }),
    });
    if (options.json) process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
    else process.stdout.write(`${formatKeystoreInspection(inspection).join('\n')}\n`);
    return ExitCode.ok;
  },
});

/** The value of a password variable; a one-line error naming the flag and variable when it is unset. */
function readVariable(flag: string, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = process.env[name];
  if (value === undefined) {
    throw new HarnessError(
      `${flag} ${name}: the variable is not set. Export it first (the password is never given on the command line).`,
    );
  }
  runSecrets.add(value, `$${name}`);
  return value;
}
