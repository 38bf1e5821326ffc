import { resolve } from 'node:path';
import { HarnessError } from '../../common/harness-error.ts';
import type { FixtureSet } from '../../pki/fixture-set.ts';
import { oneLine } from '../../report/printable-text.ts';
import { clientAuthModes, type ClientAuthMode } from '../../servers/client-auth-mode.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import { MockMtlsServer } from '../../servers/mock-mtls-server.ts';
import { refusalStages, type RefusalStage } from '../../servers/refusal-stage.ts';
import {
  serverMisconfigurations,
  type ServerMisconfiguration,
} from '../../servers/server-misconfiguration.ts';
import type { TlsVersion } from '../../servers/tls-version.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { describeCertificate } from '../../runner/client/describe-client-connections.ts';
import { ensureRunFixtures } from '../ensure-run-fixtures.ts';
import { ExitCode } from '../exit-codes.ts';

interface ServeCommandOptions {
  trusts: string;
  clientAuth: string;
  refusal: string;
  port: number;
  host: string;
  fixtures: string;
  identity: string;
  acceptableCas?: string;
  tlsMin?: string;
  tlsMax?: string;
  misconfiguration?: string;
}

const versions: Record<string, TlsVersion> = {
  '1.0': 'TLSv1',
  '1.1': 'TLSv1.1',
  '1.2': 'TLSv1.2',
  '1.3': 'TLSv1.3',
};

export const serveCommand = defineCommand<ServeCommandOptions>({
  ...commandSummaries.serve,
  builder: (yargs) =>
    yargs
      .option('trusts', {
        type: 'string',
        default: 'ca1',
        describe: 'Fixture CAs whose client certificates are accepted, comma-separated',
      })
      .option('client-auth', {
        type: 'string',
        default: 'require',
        describe: `Ask for a client certificate: ${clientAuthModes.join(', ')}`,
      })
      .option('refusal', {
        type: 'string',
        default: 'handshake',
        describe:
          'Where a client is refused: handshake (TLS, as Java and Go servers) or http (400, as nginx)',
      })
      .option('port', { type: 'number', default: 8443, describe: 'Port to listen on; 0 for any free port' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to listen on (a warning unless it is a loopback address)',
      })
      .option('fixtures', {
        type: 'string',
        default: 'fixtures',
        describe: 'Fixture folder (generated if missing)',
      })
      .option('identity', {
        type: 'string',
        default: 'server',
        describe: 'Fixture the server presents, e.g. rogue-server, expired-server, other-host-server',
      })
      .option('acceptable-cas', {
        type: 'string',
        describe: 'Fixture CAs the CertificateRequest names, comma-separated (default: the --trusts CAs)',
      })
      // Strings, checked in run(): yargs would read 1.0 as the number 1.
      .option('tls-min', {
        type: 'string',
        describe: 'Oldest TLS version offered: 1.0, 1.1, 1.2 (default) or 1.3',
      })
      .option('tls-max', { type: 'string', describe: 'Newest TLS version offered (default 1.3)' })
      .option('misconfiguration', {
        type: 'string',
        describe: `A deliberate flaw: ${serverMisconfigurations.join(', ')}`,
      })
      .example('$0 serve', 'require a certificate from ca1 on https://127.0.0.1:8443/')
      .example('$0 serve --trusts ca1,ca2 --refusal http --port 9443', 'nginx-style refusals, two CAs')
      .example('$0 serve --identity rogue-server', 'a server your client must refuse')
      .epilog(
        'One block per connection goes to stderr as soon as the server has decided. Ctrl-C (SIGINT) or SIGTERM stops the server and exits 130, as every interrupted command does.',
      ) as never,
  run: async (options) => {
    const settings = checkServeOptions(options);
    const dir = resolve(options.fixtures);
    const prepared = await ensureRunFixtures(dir, undefined);
    if (prepared.report) {
      process.stderr.write(
        `Generated the fixture set in ${prepared.report.dir} (${Math.round(prepared.report.durationMs)} ms).\n`,
      );
    }
    const { fixtures } = prepared;
    checkFixtureNames(fixtures, settings, dir);
    const builder = new MockMtlsServer(fixtures.identity(options.identity))
      .withHost(options.host)
      .withPort(options.port)
      .withClientAuth(settings.clientAuth)
      .withRefusal(settings.refusal)
      .withTlsVersions(settings.tlsMin, settings.tlsMax)
      .withWarningListener((warning) => process.stderr.write(`mtls-conformance: warning: ${warning}\n`))
      .withConnectionListener((record) => process.stderr.write(describeConnection(record)));
    if (settings.clientAuth !== 'none') builder.withTrust(fixtures.trustBundlePem(settings.trusts));
    if (settings.acceptableCas) builder.withAcceptableCas(fixtures.trustBundlePem(settings.acceptableCas));
    if (settings.misconfiguration) builder.withMisconfiguration(settings.misconfiguration);
    const server = await builder.start();
    process.stderr.write(banner(server.url, fixtures, options.identity, settings));
    const signal = await interrupted();
    await server.stop();
    const count = server.connections.length;
    process.stderr.write(`\n${signal}: stopped after ${count} connection${count === 1 ? '' : 's'}.\n`);
    return ExitCode.interrupted;
  },
});

interface ServeSettings {
  trusts: string[];
  clientAuth: ClientAuthMode;
  refusal: RefusalStage;
  acceptableCas?: string[];
  tlsMin: TlsVersion;
  tlsMax: TlsVersion;
  misconfiguration?: ServerMisconfiguration;
}

/** Every flag problem at once, before fixtures are touched or a port is opened. */
function checkServeOptions(options: ServeCommandOptions): ServeSettings {
  const problems: string[] = [];
  const choice = <T extends string>(flag: string, value: string, allowed: readonly T[]): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      problems.push(`--${flag} ${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`);
    }
    return value as T;
  };
  const version = (flag: string, value: string | undefined, fallback: TlsVersion): TlsVersion => {
    if (value === undefined) return fallback;
    const known = versions[value];
    if (!known)
      problems.push(`--${flag} ${JSON.stringify(value)} is not one of: ${Object.keys(versions).join(', ')}`);
    return known ?? fallback;
  };
  const clientAuth = choice('client-auth', options.clientAuth, clientAuthModes);
  const refusal = choice('refusal', options.refusal, refusalStages);
  const misconfiguration =
    options.misconfiguration === undefined
      ? undefined
      : choice('misconfiguration', options.misconfiguration, serverMisconfigurations);
  const tlsMin = version('tls-min', options.tlsMin, 'TLSv1.2');
  const tlsMax = version('tls-max', options.tlsMax, 'TLSv1.3');
  if (versionsOrder(tlsMin) > versionsOrder(tlsMax))
    problems.push(`--tls-min ${options.tlsMin} is above --tls-max`);
  const trusts = names(options.trusts);
  const acceptableCas = options.acceptableCas === undefined ? undefined : names(options.acceptableCas);
  if (clientAuth !== 'none' && trusts.length === 0)
    problems.push('--trusts names no CA; give e.g. --trusts ca1');
  if (clientAuth === 'none') {
    for (const [flag, given] of [
      ['--acceptable-cas', acceptableCas !== undefined],
      ['--misconfiguration', misconfiguration !== undefined],
    ] as const) {
      if (given)
        problems.push(
          `${flag} has no effect with --client-auth none, which asks for no certificate; remove one`,
        );
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    problems.push(`--port ${options.port} is not a whole number from 0 to 65535`);
  }
  if (problems.length > 0) throw new HarnessError(`Cannot serve: ${problems.join('; ')}.`);
  return {
    trusts,
    clientAuth,
    refusal,
    tlsMin,
    tlsMax,
    ...(acceptableCas ? { acceptableCas } : {}),
    ...(misconfiguration ? { misconfiguration } : {}),
  };
}

function checkFixtureNames(fixtures: FixtureSet, settings: ServeSettings, dir: string): void {
  const cas = fixtures.manifest.identities
    .filter((entry) => entry.role.endsWith('ca'))
    .map((entry) => entry.name);
  const unknown = [...settings.trusts, ...(settings.acceptableCas ?? [])].filter(
    (name) => !cas.includes(name),
  );
  if (unknown.length > 0) {
    throw new HarnessError(
      `Cannot serve: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a CA' : 'are not CAs'} of the fixture set in ${dir}; allowed: ${cas.join(', ')}.`,
    );
  }
}

function names(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function versionsOrder(version: TlsVersion): number {
  return Object.values(versions).indexOf(version);
}

function banner(url: string, fixtures: FixtureSet, identity: string, settings: ServeSettings): string {
  const certificate = fixtures.identity(identity).certificate;
  const root = fixtures.rootOf(identity) ?? identity;
  const asked =
    settings.clientAuth === 'none'
      ? 'no client certificate asked for'
      : `client certificate ${settings.clientAuth}d from [${settings.trusts.join(', ')}], refused at ${settings.refusal === 'http' ? 'HTTP (400, nginx style)' : 'the handshake'}`;
  const flaw = settings.misconfiguration ? `; misconfiguration ${settings.misconfiguration}` : '';
  const client = fixtures.names().includes('tpp1')
    ? ` --cert ${fixtures.path('tpp1', 'crt')} --key ${fixtures.path('tpp1', 'key')}`
    : '';
  return [
    `Serving ${url}/ as ${identity} (${describeCertificate(certificate)}, valid until ${certificate.notAfter})`,
    `  ${asked}${flaw}`,
    `  try: curl --cacert ${fixtures.path(root, 'crt')}${client} ${url}/`,
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}

/** One block per connection: who connected, over what, what it presented and what the server decided. */
export function describeConnection(record: ConnectionRecord): string {
  // Subjects and reasons come from the client: shown printable, one line each.
  const line = (indent: string, text: string): string => `${indent}${oneLine(text)}`;
  const port = record.remotePort === undefined ? '' : `:${record.remotePort}`;
  const lines = [
    line(
      '',
      `connection ${record.id} from ${record.remoteAddress}${port} at ${record.at}: ${record.verdict}`,
    ),
  ];
  const sni = record.servername ? `SNI ${record.servername}` : 'no SNI';
  const tls =
    record.protocol === undefined
      ? 'handshake not completed'
      : [record.protocol, record.cipher, sni].filter(Boolean).join(', ');
  lines.push(line('  ', `TLS        ${tls}`));
  const [leaf] = record.clientChain;
  if (leaf) {
    lines.push(
      line('  ', `presented  ${describeCertificate(leaf)}, chain of ${record.clientChain.length}`),
      line('    ', `subject  ${leaf.subject}`),
      line('    ', `issuer   ${leaf.issuer}`),
      line('    ', `serial   ${leaf.serialNumber}`),
      line('    ', `valid    ${leaf.notBefore} → ${leaf.notAfter}`),
      line('    ', `SHA-256  ${leaf.fingerprintSha256}`),
      line(
        '  ',
        `verified   ${record.authorized ? 'yes, against the trusted CAs' : `no: ${record.authorizationError ?? 'not verified'}`}`,
      ),
    );
  } else {
    lines.push(line('  ', 'presented  no certificate'));
  }
  if (record.tlsError !== undefined) lines.push(line('  ', `TLS error  ${record.tlsError}`));
  lines.push(line('  ', `decision   ${record.reason}`));
  return `${lines.join('\n')}\n\n`;
}

/** Resolves with the signal's name at the first SIGINT or SIGTERM. */
function interrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveSignal(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
