import type { SecureVersion } from 'node:tls';
import { HarnessError } from '../../common/harness-error.ts';
import { isKeystoreError } from '../../pki/keystore-error.ts';
import { loadIdentity } from '../../pki/load-identity.ts';
import { loadTrustStore } from '../../pki/load-trust-store.ts';
import { describeObservation } from '../../probe/describe-observation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import { probeTarget } from '../../probe/probe-target.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { ExitCode } from '../exit-codes.ts';
import {
  fixtureCaPem,
  fixtureClientIdentity,
  isFixtureReference,
  openProbeFixtures,
} from '../probe-fixture-flags.ts';
import {
  probeIdentitySource,
  secretFromEnvironment,
  type ProbeIdentityFlags,
} from '../probe-identity-flags.ts';

interface ProbeCommandOptions extends ProbeIdentityFlags {
  url: string;
  identity?: string;
  fixtures: string;
  serverCa?: string;
  serverCaPassphraseEnv?: string;
  servername?: string;
  tlsVersion?: string;
  timeoutMs?: number;
  json: boolean;
}

const tlsVersions: Record<string, SecureVersion> = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' };

export const probeCommand = defineCommand<ProbeCommandOptions>({
  ...commandSummaries.probe,
  builder: (yargs) =>
    yargs
      .positional('url', {
        type: 'string',
        demandOption: true,
        describe: 'https://host[:port]/path (one GET) or tls://host:port (handshake only)',
      })
      .option('identity', {
        type: 'string',
        describe: 'Present a fixture of --fixtures by name, as run does (e.g. tpp1, tpp2, expired)',
      })
      .option('fixtures', {
        type: 'string',
        default: 'fixtures',
        describe: 'The fixture set --identity and a fixture-named --server-ca come from',
      })
      .conflicts('identity', ['cert', 'key', 'chain', 'p12', 'keystore'])
      .option('cert', { type: 'string', describe: 'Client certificate, PEM or DER (with --key)' })
      .option('key', { type: 'string', describe: 'Its private key, unencrypted PEM or DER' })
      .option('chain', { type: 'string', describe: 'Intermediate certificates to send after the leaf, PEM' })
      .option('p12', {
        type: 'string',
        describe: 'Client identity as a PKCS#12 keystore (with --passphrase-env)',
      })
      .option('keystore', {
        type: 'string',
        describe: 'Client identity from a Java keystore, JKS or PKCS#12 (with --passphrase-env)',
      })
      .option('alias', {
        type: 'string',
        describe: 'The --keystore entry to present (default: its only key)',
      })
      .option('passphrase-env', {
        type: 'string',
        describe: 'Name of the environment variable that holds the --p12 or --keystore password',
      })
      .option('key-passphrase-env', {
        type: 'string',
        describe: "Variable holding the --keystore entry's own key password, where it differs (JKS)",
      })
      .option('server-ca', {
        type: 'string',
        describe:
          "CA certificate(s) to judge the server's chain with: a fixture CA name (ca1), a PEM file, or a JKS/PKCS#12 truststore",
      })
      .option('server-ca-passphrase-env', {
        type: 'string',
        describe:
          'Variable holding the --server-ca truststore password (PKCS#12 needs it; JKS is read without)',
      })
      .option('servername', {
        type: 'string',
        describe: 'SNI name and the name the server certificate must match',
      })
      // Checked in run(), not with yargs `choices`: "1.2" would be parsed as a number first.
      .option('tls-version', { type: 'string', describe: 'Offer only this TLS version: 1.2 or 1.3' })
      .option('timeout-ms', {
        type: 'number',
        describe: 'Timeout of each stage: connect, handshake, response',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the observation as JSON on stdout',
      })
      .example(
        '$0 probe https://127.0.0.1:8443/healthcheck --identity tpp2 --server-ca ca1',
        'fixtures by name, from ./fixtures (--fixtures DIR)',
      )
      .example(
        '$0 probe https://127.0.0.1:8443/healthcheck --cert tpp1.crt --key tpp1.key --server-ca ca1.crt',
        '',
      )
      .example(
        'TPP1_PASS=secret $0 probe https://localhost:8443/ --p12 tpp1.p12 --passphrase-env TPP1_PASS',
        '',
      )
      .example(
        'CLIENT_JKS_PASS=changeit $0 probe https://localhost:8443/ --keystore client.jks --alias tpp1 --passphrase-env CLIENT_JKS_PASS --server-ca truststore.jks',
        '',
      )
      .example('$0 probe tls://127.0.0.1:8443 --tls-version 1.3 --json', '') as never,
  run: async (options) => {
    const source = probeIdentitySource(options);
    const version = tlsVersionOf(options.tlsVersion);
    const timeout = options.timeoutMs;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout <= 0)) {
      throw new HarnessError(`--timeout-ms ${timeout}: give a positive whole number of milliseconds.`);
    }
    const serverCaPassword =
      options.serverCaPassphraseEnv === undefined
        ? undefined
        : secretFromEnvironment(
            'server-ca-passphrase-env',
            options.serverCaPassphraseEnv,
            `the password of ${options.serverCa ?? 'the --server-ca truststore'}`,
          );
    if (serverCaPassword !== undefined && options.serverCa === undefined) {
      throw new HarnessError(
        '--server-ca-passphrase-env is the password of a --server-ca truststore. Add --server-ca FILE, or leave it out.',
      );
    }
    const serverCaIsFixture =
      options.serverCa !== undefined &&
      serverCaPassword === undefined &&
      (await isFixtureReference(options.serverCa));
    const fixtures =
      options.identity !== undefined || serverCaIsFixture
        ? await openProbeFixtures(
            options.fixtures,
            options.identity !== undefined
              ? `--identity ${options.identity}`
              : `--server-ca ${options.serverCa}`,
          )
        : undefined;
    const serverTrustPem =
      options.serverCa === undefined
        ? undefined
        : serverCaIsFixture && fixtures
          ? fixtureCaPem(fixtures, options.serverCa)
          : await readServerCa(options.serverCa, serverCaPassword, options.serverCaPassphraseEnv);
    const loaded =
      options.identity !== undefined && fixtures
        ? { ...fixtureClientIdentity(fixtures, options.identity), warnings: [] }
        : source === undefined
          ? undefined
          : await loadIdentity(source);
    for (const warning of loaded?.warnings ?? []) process.stderr.write(`mtls-conformance: ${warning}\n`);
    const probeOptions: ProbeOptions = {
      url: options.url,
      ...(loaded && { identity: loaded }),
      ...(serverTrustPem !== undefined && { serverTrustPem }),
      ...(options.servername !== undefined && { servername: options.servername }),
      ...(version && { minVersion: version, maxVersion: version }),
      ...(timeout !== undefined && {
        timeouts: { connectMs: timeout, handshakeMs: timeout, responseMs: timeout },
      }),
    };
    const observation = await probeTarget(probeOptions);
    if (options.json) process.stdout.write(`${JSON.stringify(observation, null, 2)}\n`);
    else process.stdout.write(`${describeObservation(observation)}\n`);
    return observation.outcome === 'accepted' ? ExitCode.ok : ExitCode.nonconformant;
  },
});

function tlsVersionOf(flag: string | undefined): SecureVersion | undefined {
  if (flag === undefined) return undefined;
  const version = tlsVersions[flag];
  if (!version) throw new HarnessError(`--tls-version ${flag}: the probe pins 1.2 or 1.3.`);
  return version;
}

/** The server CA: a PEM bundle, or a Java truststore (JKS, PKCS#12) read without Java. */
async function readServerCa(
  file: string,
  password: string | undefined,
  passwordEnv: string | undefined,
): Promise<string> {
  try {
    const store = await loadTrustStore(
      file,
      password,
      passwordEnv === undefined ? undefined : `--server-ca-passphrase-env ${passwordEnv}`,
    );
    return store.pem;
  } catch (error) {
    if (isKeystoreError(error, 'wrong-password') && password === undefined) {
      throw new HarnessError(
        `--server-ca ${file}: a PKCS#12 truststore cannot be read without its password. Add --server-ca-passphrase-env VAR, the variable that holds it.`,
        { cause: error },
      );
    }
    if (error instanceof HarnessError)
      throw new HarnessError(`--server-ca ${error.message}`, { cause: error });
    throw error;
  }
}
