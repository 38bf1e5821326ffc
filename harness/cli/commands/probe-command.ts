import { readFile } from 'node:fs/promises';
import type { SecureVersion } from 'node:tls';
import { HarnessError } from '../../common/harness-error.ts';
import { loadIdentity, type IdentitySource } from '../../pki/load-identity.ts';
import { describeObservation } from '../../probe/describe-observation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import { probeTarget } from '../../probe/probe-target.ts';
import { defineCommand } from '../command-module.ts';
import { ExitCode } from '../exit-codes.ts';

interface ProbeCommandOptions {
  url: string;
  cert?: string;
  key?: string;
  chain?: string;
  p12?: string;
  passphraseEnv?: string;
  serverCa?: string;
  servername?: string;
  tlsVersion?: string;
  timeoutMs?: number;
  json: boolean;
}

const tlsVersions: Record<string, SecureVersion> = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' };

export const probeCommand = defineCommand<ProbeCommandOptions>({
  command: 'probe <url>',
  describe: 'Connect once with a client identity (or none) and explain what the server did',
  builder: (yargs) =>
    yargs
      .positional('url', {
        type: 'string',
        demandOption: true,
        describe: 'https://host[:port]/path (one GET) or tls://host:port (handshake only)',
      })
      .option('cert', { type: 'string', describe: 'Client certificate, PEM or DER (with --key)' })
      .option('key', { type: 'string', describe: 'Its private key, unencrypted PEM or DER' })
      .option('chain', { type: 'string', describe: 'Intermediate certificates to send after the leaf, PEM' })
      .option('p12', {
        type: 'string',
        describe: 'Client identity as a PKCS#12 keystore (with --passphrase-env)',
      })
      .option('passphrase-env', {
        type: 'string',
        describe: 'Name of the environment variable that holds the --p12 password',
      })
      .option('server-ca', {
        type: 'string',
        describe: "CA certificate(s), PEM, to judge the server's chain with",
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
        '$0 probe https://127.0.0.1:8443/healthcheck --cert tpp1.crt --key tpp1.key --server-ca ca1.crt',
        '',
      )
      .example(
        'TPP1_PASS=secret $0 probe https://localhost:8443/ --p12 tpp1.p12 --passphrase-env TPP1_PASS',
        '',
      )
      .example('$0 probe tls://127.0.0.1:8443 --tls-version 1.3 --json', '') as never,
  run: async (options) => {
    const source = identitySource(options);
    const version = tlsVersionOf(options.tlsVersion);
    const timeout = options.timeoutMs;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout <= 0)) {
      throw new HarnessError(`--timeout-ms ${timeout}: give a positive whole number of milliseconds.`);
    }
    const serverTrustPem = options.serverCa === undefined ? undefined : await readServerCa(options.serverCa);
    const loaded = source === undefined ? undefined : await loadIdentity(source);
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
    else process.stderr.write(`${describeObservation(observation)}\n`);
    return observation.outcome === 'accepted' ? ExitCode.ok : ExitCode.nonconformant;
  },
});

function tlsVersionOf(flag: string | undefined): SecureVersion | undefined {
  if (flag === undefined) return undefined;
  const version = tlsVersions[flag];
  if (!version) throw new HarnessError(`--tls-version ${flag}: the probe pins 1.2 or 1.3.`);
  return version;
}

/** The identity flags, checked for conflicts before any file is read or connection made. */
function identitySource(options: ProbeCommandOptions): IdentitySource | undefined {
  const pemFlags = (['cert', 'key', 'chain'] as const).filter((flag) => options[flag] !== undefined);
  if (options.p12 !== undefined && pemFlags.length > 0) {
    throw new HarnessError(
      `--p12 and --${pemFlags.join('/--')} both name a client identity. Give --p12 with --passphrase-env, or --cert and --key, not both.`,
    );
  }
  if (options.passphraseEnv !== undefined && options.p12 === undefined) {
    throw new HarnessError(
      '--passphrase-env is the password of a --p12 keystore. Add --p12 FILE, or leave it out.',
    );
  }
  if (options.p12 !== undefined) {
    if (options.passphraseEnv === undefined) {
      throw new HarnessError(
        `--p12 ${options.p12} needs --passphrase-env VAR, the name of the environment variable that holds its password (never the password itself).`,
      );
    }
    const passphrase = process.env[options.passphraseEnv];
    if (passphrase === undefined) {
      throw new HarnessError(
        `--passphrase-env ${options.passphraseEnv}: the environment variable ${options.passphraseEnv} is not set. Export it with the password of ${options.p12}.`,
      );
    }
    return {
      p12File: options.p12,
      passphrase,
      passphraseSource: `--passphrase-env ${options.passphraseEnv}`,
    };
  }
  if (options.cert !== undefined && options.key !== undefined) {
    return {
      certFile: options.cert,
      keyFile: options.key,
      ...(options.chain !== undefined && { chainFile: options.chain }),
    };
  }
  if (options.cert !== undefined || options.key !== undefined) {
    const [given, missing] = options.cert !== undefined ? ['--cert', '--key'] : ['--key', '--cert'];
    throw new HarnessError(
      `${given} needs ${missing} too: a client identity is a certificate and its private key.`,
    );
  }
  if (options.chain !== undefined) {
    throw new HarnessError(
      '--chain adds intermediates to a client certificate. Add --cert and --key, or leave it out.',
    );
  }
  return undefined;
}

async function readServerCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new HarnessError(
      `--server-ca ${file}: cannot read it (${why}). Give the PEM file of the CA that issued the server certificate.`,
      {
        cause: error,
      },
    );
  }
}
