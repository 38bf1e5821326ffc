import { HarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import type { IdentitySource } from '../pki/load-identity.ts';

/** The probe's client-identity flags, as yargs parsed them. */
export interface ProbeIdentityFlags {
  cert?: string;
  key?: string;
  chain?: string;
  p12?: string;
  keystore?: string;
  alias?: string;
  passphraseEnv?: string;
  keyPassphraseEnv?: string;
}

/**
 * The identity the flags name: PEM files, a PKCS#12 keystore, or a Java keystore (JKS, or PKCS#12 by
 * content). Conflicts and unset variables are refused here, before any file is read or connection made.
 */
export function probeIdentitySource(flags: ProbeIdentityFlags): IdentitySource | undefined {
  const pemFlags = (['cert', 'key', 'chain'] as const).filter((flag) => flags[flag] !== undefined);
  const keystoreFlags = (['p12', 'keystore'] as const).filter((flag) => flags[flag] !== undefined);
  if (keystoreFlags.length > 1) {
    throw new HarnessError(
      '--p12 and --keystore both name a client keystore. Give one: --keystore reads JKS and PKCS#12 alike.',
    );
  }
  const [keystoreFlag] = keystoreFlags;
  if (keystoreFlag !== undefined && pemFlags.length > 0) {
    throw new HarnessError(
      `--${keystoreFlag} and --${pemFlags.join('/--')} both name a client identity. Give --${keystoreFlag} with --passphrase-env, or --cert and --key, not both.`,
    );
  }
  if (flags.keystore === undefined) {
    for (const flag of ['alias', 'keyPassphraseEnv'] as const) {
      if (flags[flag] !== undefined) {
        throw new HarnessError(
          `--${kebab(flag)} chooses within a --keystore (JKS or PKCS#12). Add --keystore FILE, or leave it out.`,
        );
      }
    }
  }
  if (keystoreFlag === undefined) {
    if (flags.passphraseEnv !== undefined) {
      throw new HarnessError(
        '--passphrase-env is the password of a --p12 or --keystore file. Add one, or leave it out.',
      );
    }
    return pemIdentitySource(flags);
  }
  const file = flags[keystoreFlag] ?? '';
  if (flags.passphraseEnv === undefined) {
    throw new HarnessError(
      `--${keystoreFlag} ${file} needs --passphrase-env VAR, the name of the environment variable that holds its password (never the password itself).`,
    );
  }
  const passphrase = secretFromEnvironment('passphrase-env', flags.passphraseEnv, `the password of ${file}`);
  const passphraseSource = `--passphrase-env ${flags.passphraseEnv}`;
  if (keystoreFlag === 'p12') return { p12File: file, passphrase, passphraseSource };
  return {
    keystoreFile: file,
    storePassword: passphrase,
    storePasswordSource: passphraseSource,
    aliasSource: '--alias',
    ...(flags.alias !== undefined && { alias: flags.alias }),
    // Named even when not given: a key with a password of its own then says which flag to add.
    keyPasswordSource:
      flags.keyPassphraseEnv === undefined
        ? '--key-passphrase-env VAR'
        : `--key-passphrase-env ${flags.keyPassphraseEnv}`,
    ...(flags.keyPassphraseEnv !== undefined && {
      keyPassword: secretFromEnvironment(
        'key-passphrase-env',
        flags.keyPassphraseEnv,
        `the key password of the entry in ${file}`,
      ),
    }),
  };
}

function pemIdentitySource(flags: ProbeIdentityFlags): IdentitySource | undefined {
  if (flags.cert !== undefined && flags.key !== undefined) {
    return {
      certFile: flags.cert,
      keyFile: flags.key,
      ...(flags.chain !== undefined && { chainFile: flags.chain }),
    };
  }
  if (flags.cert !== undefined || flags.key !== undefined) {
    const [given, missing] = flags.cert !== undefined ? ['--cert', '--key'] : ['--key', '--cert'];
    throw new HarnessError(
      `${given} needs ${missing} too: a client identity is a certificate and its private key.`,
    );
  }
  if (flags.chain !== undefined) {
    throw new HarnessError(
      '--chain adds intermediates to a client certificate. Add --cert and --key, or leave it out.',
    );
  }
  return undefined;
}

/** The value of the variable a `--*-env` flag names; its absence is the user's to fix, in one line. */
export function secretFromEnvironment(flag: string, variable: string, what: string): string {
  const value = process.env[variable];
  if (value === undefined) {
    throw new HarnessError(
      `--${flag} ${variable}: the environment variable ${variable} is not set. Export it with ${what}.`,
    );
  }
  runSecrets.add(value, `$${variable}`);
  return value;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
