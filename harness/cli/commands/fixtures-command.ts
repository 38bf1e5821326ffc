import { join, resolve } from 'node:path';
import { HarnessError } from '../../common/harness-error.ts';
import { runSecrets } from '../../common/run-secrets.ts';
import { formatFixtureTable } from '../../pki/format-fixture-table.ts';
import { generateFixtureSet, type FixtureSetReport } from '../../pki/generate-fixture-set.ts';
import {
  passphraseFileName,
  randomPassphrase,
  readPassphraseFile,
  removePassphraseFile,
  writePassphraseFile,
} from '../../pki/passphrase-file.ts';
import { readFixtureSpecFile } from '../../pki/read-fixture-spec-file.ts';
import { readInputFile } from '../../pki/read-input-file.ts';
import { findKeytool, keytoolMissingMessage } from '../../pki/run-keytool.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { readHiddenLine } from '../read-hidden-line.ts';
import { ExitCode } from '../exit-codes.ts';

interface FixturesCommandOptions {
  out: string;
  passwordEnv?: string;
  passwordFile?: string;
  password?: string;
  passwordPrompt?: boolean;
  spec?: string;
  force: boolean;
  legacyP12: boolean;
  jks: boolean;
}

interface ResolvedPassphrase {
  passphrase: string;
  /** How the summary names it; never the passphrase itself. */
  source: string;
  /** `generated`: made for this set, to be kept in DIR/passphrase.txt; `kept`: read from there. */
  kind: 'given' | 'generated' | 'kept';
}

export const fixturesCommand = defineCommand<FixturesCommandOptions>({
  ...commandSummaries.fixtures,
  builder: (yargs) =>
    yargs
      .option('out', {
        type: 'string',
        default: 'fixtures',
        describe: 'Folder to write the set into (made 0700)',
      })
      .option('password-env', {
        type: 'string',
        describe: 'Name of the environment variable holding the keystore (.p12) passphrase',
      })
      .option('password-file', {
        type: 'string',
        describe: 'File whose first line is the keystore passphrase',
      })
      .option('password', {
        type: 'string',
        describe: 'The keystore passphrase itself (visible in the process list and shell history)',
      })
      // No default: yargs' conflicts() counts a defaulted option as given.
      .option('password-prompt', {
        type: 'boolean',
        describe: 'Ask for the keystore passphrase at the terminal, twice, without echoing it',
      })
      .conflicts('password-env', ['password-file', 'password', 'password-prompt'])
      .conflicts('password-file', ['password', 'password-prompt'])
      .conflicts('password', 'password-prompt')
      .option('spec', {
        type: 'string',
        describe: 'YAML or JSON file describing your own set (default: built-in)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Regenerate even if the set is up to date',
      })
      .option('jks', {
        type: 'boolean',
        default: false,
        describe:
          'Also write NAME.jks and Java truststores trust/*.jks, trust/*.p12, with keytool (needs a Java runtime)',
      })
      .option('legacy-p12', {
        type: 'boolean',
        default: false,
        describe: 'Encrypt keystores with 3DES instead of AES-256 (Java 8 before 8u301, old Windows)',
      })
      .epilogue(
        'Without a password option, a random passphrase is generated once and kept in DIR/passphrase.txt (0600).',
      )
      .example('$0 fixtures', 'write the built-in set into ./fixtures')
      .example('FIXTURE_PASS=s3cret $0 fixtures --out build/pki --password-env FIXTURE_PASS', '')
      .example('$0 fixtures --password-prompt', 'type the passphrase; it is not echoed')
      .example('$0 fixtures --spec my-pki.yaml --force --legacy-p12', '')
      .example(
        '$0 fixtures --jks',
        'also server.jks, tpp1.jks, … and trust/ca1.jks for a Java server',
      ) as never,
  run: async (options) => {
    const stderr = process.stderr;
    const dir = resolve(options.out);
    // Refused before any work, so a machine without Java does not get a half-made Java set.
    const keytool = options.jks ? findKeytool() : undefined;
    if (options.jks && keytool === undefined) throw new HarnessError(keytoolMissingMessage);
    const spec = options.spec === undefined ? undefined : await readFixtureSpecFile(options.spec);
    const passphrase = await resolvePassphrase(options, dir);
    runSecrets.add(passphrase.passphrase, `the keystore passphrase (${passphrase.source})`);
    if (options.password !== undefined) {
      stderr.write(
        'mtls-conformance: warning: --password is visible in the process list and shell history; prefer --password-env or --password-file.\n',
      );
    }
    const report = await generateFixtureSet({
      outDir: dir,
      passphrase: passphrase.passphrase,
      force: options.force,
      legacyP12: options.legacyP12,
      ...(spec === undefined ? {} : { spec }),
      ...(keytool === undefined ? {} : { javaKeystores: { keytool } }),
    });
    if (passphrase.kind === 'generated') await writePassphraseFile(dir, passphrase.passphrase);
    const kept = passphrase.kind === 'given' ? await readPassphraseFile(dir) : null;
    if (kept !== null && kept !== passphrase.passphrase) {
      // The keystores no longer open with the generated passphrase kept there: do not leave it lying about.
      await removePassphraseFile(dir);
    }
    stderr.write(`${summary(report, passphrase).join('\n')}\n`);
    return ExitCode.ok;
  },
});

async function resolvePassphrase(options: FixturesCommandOptions, dir: string): Promise<ResolvedPassphrase> {
  if (options.passwordEnv !== undefined) {
    const value = process.env[options.passwordEnv];
    if (value === undefined || value === '') {
      throw new HarnessError(
        `--password-env ${options.passwordEnv}: the variable is ${value === undefined ? 'not set' : 'empty'}. Export it first, or use --password-file.`,
      );
    }
    return { passphrase: value, source: `$${options.passwordEnv}`, kind: 'given' };
  }
  if (options.passwordFile !== undefined) {
    const text = (await readInputFile(options.passwordFile, 'keystore passphrase')).toString('utf8');
    const passphrase = text.split(/\r?\n/)[0] ?? '';
    if (passphrase === '') {
      throw new HarnessError(
        `${options.passwordFile}: the first line is empty (no passphrase). Put the passphrase on the first line.`,
      );
    }
    return { passphrase, source: resolve(options.passwordFile), kind: 'given' };
  }
  if (options.passwordPrompt === true) {
    const passphrase = await readHiddenLine('Keystore passphrase: ', '--password-prompt');
    if (passphrase === '') throw new HarnessError('--password-prompt: the passphrase is empty. Type one.');
    if ((await readHiddenLine('Again: ', '--password-prompt')) !== passphrase) {
      throw new HarnessError(
        '--password-prompt: the two passphrases differ. Run again and type the same one twice.',
      );
    }
    return { passphrase, source: 'typed at the prompt', kind: 'given' };
  }
  if (options.password !== undefined) {
    if (options.password === '')
      throw new HarnessError('--password: the passphrase is empty (""). Give one.');
    return { passphrase: options.password, source: '--password', kind: 'given' };
  }
  const kept = await readPassphraseFile(dir);
  const file = join(dir, passphraseFileName);
  return kept === null
    ? { passphrase: randomPassphrase(), source: `${file} (generated, 0600)`, kind: 'generated' }
    : { passphrase: kept, source: file, kind: 'kept' };
}

function summary(report: FixtureSetReport, passphrase: ResolvedPassphrase): string[] {
  const { manifest } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const headline = {
    generated: `Created ${manifest.identities.length} identities in ${report.dir} (${seconds} s).`,
    reused: `The fixture set in ${report.dir} is up to date (same spec); reused it. --force regenerates it.`,
    'keystores-rewritten': `Reused the certificates in ${report.dir}; rewrote the keystores (${report.reason ?? ''}).`,
  }[report.outcome];
  const algorithm = manifest.keystores.algorithm === 'aes256' ? 'AES-256' : '3DES';
  const chained = manifest.identities
    .filter((identity) => identity.files.chain)
    .map((identity) => identity.name);
  const chainNote =
    chained.length === 0 ? '' : `; ${chained.join(', ')} also NAME.chain.pem (leaf + intermediates)`;
  return [
    headline,
    '',
    ...formatFixtureTable(manifest, new Date()).map((line) => `  ${line}`),
    '',
    `Files: NAME.crt, NAME.key (0600), NAME.p12 (${algorithm}, 0600)${chainNote}.`,
    `Trust bundles: ${Object.values(manifest.trustBundles).join(', ')}`,
    ...javaSummary(report),
    `Keystore passphrase: ${passphrase.source}`,
    `Manifest: ${report.dir}/manifest.json`,
  ];
}

function javaSummary(report: FixtureSetReport): string[] {
  const stores = Object.values(report.manifest.trustStores ?? {});
  if (report.javaKeystores === undefined || stores.length === 0) return [];
  const how = report.javaKeystores === 'written' ? 'written with keytool' : 'up to date';
  return [
    `Java keystores (${how}): NAME.jks (JKS, alias NAME, 0600); truststores ${stores.map((store) => `${store.jks}, ${store.p12}`).join(', ')}.`,
    'Store and key password of every Java keystore: the keystore passphrase.',
  ];
}
