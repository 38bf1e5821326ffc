import { buildConfig, type BuildConfigOptions } from './build-config.ts';
import type {
  ConfigFile,
  DeclarableTlsVersion,
  HarnessConfig,
  IdentityEntry,
  RejectAt,
  TargetEntry,
  TargetsFileEntry,
} from './config-types.ts';
import { defaultTargetName } from './target-url.ts';

/**
 * The `run` flags that declare one target without a config file:
 * `run --target URL --trusts ca1,ca2 --server-ca ca1`. Lists may be arrays or comma-separated strings;
 * values are validated exactly as in a file, and problems name the flag.
 */
export interface TargetFlags {
  /** `--target`: https://host:port/path or tls://host:port. */
  target: string;
  /** `--name`. Default: the URL's host and port. */
  name?: string;
  /** `--trusts`: fixture CAs the endpoint is meant to accept, e.g. `ca1,ca2`. Required. */
  trusts?: string | readonly string[];
  /** `--server-ca`: fixture name or PEM path. */
  serverCa?: string;
  servername?: string;
  /** `--reject-at`: any | handshake. */
  rejectAt?: string;
  /** `--tls-versions`: `TLSv1.2,TLSv1.3`; `1.2` and `1.3` are accepted too. */
  tlsVersions?: string | readonly string[];
  cert?: string;
  key?: string;
  chain?: string;
  p12?: string;
  passphraseEnv?: string;
  /** `--only`: scenario ids. */
  only?: string | readonly string[];
  fixtures?: string;
  reportDir?: string;
  concurrency?: number;
}

export interface ConfigFromFlagsOptions extends BuildConfigOptions {
  /** Relative paths in flags are resolved against it. Default process.cwd(). */
  cwd?: string;
}

export function configFromFlags(flags: TargetFlags, options: ConfigFromFlagsOptions = {}): HarnessConfig {
  const { cwd = process.cwd(), ...buildOptions } = options;
  return buildConfig(toConfigFile(flags), { kind: 'flags', baseDir: cwd }, buildOptions);
}

/**
 * `run --targets-file urls.txt --trusts ca1 --server-ca ca1`: every endpoint of the list, with the one
 * declaration the flags give. Relative paths are resolved against `cwd`; problems name the flag (a
 * line of the list: `--targets-file: urls.txt line 7: ...`).
 */
export function configFromTargetsFile(
  flags: Omit<TargetFlags, 'target' | 'name' | 'servername'> & { targetsFile: string },
  options: ConfigFromFlagsOptions = {},
): HarnessConfig {
  const { cwd = process.cwd(), ...buildOptions } = options;
  const { targets, ...settings } = toConfigFile({ ...flags, target: 'https://listed.invalid/' });
  const { name: _name, url: _url, ...shared } = targets?.[0] ?? ({} as Partial<TargetEntry>);
  const file: ConfigFile = {
    ...settings,
    // Validation reports a missing --trusts by its flag name; the cast only lets it get that far.
    targetsFiles: [{ ...shared, file: flags.targetsFile } as TargetsFileEntry],
  };
  return buildConfig(file, { kind: 'flags', baseDir: cwd }, buildOptions);
}

/** The config file the flags stand for (also what `init` could write from them). */
export function toConfigFile(flags: TargetFlags): ConfigFile {
  const identity: IdentityEntry = {
    ...(flags.cert !== undefined ? { cert: flags.cert } : {}),
    ...(flags.key !== undefined ? { key: flags.key } : {}),
    ...(flags.chain !== undefined ? { chain: flags.chain } : {}),
    ...(flags.p12 !== undefined ? { p12: flags.p12 } : {}),
    ...(flags.passphraseEnv !== undefined ? { passphraseEnv: flags.passphraseEnv } : {}),
  };
  const target: Partial<TargetEntry> = {
    name: flags.name ?? defaultTargetName(flags.target),
    url: flags.target,
    ...(flags.trusts !== undefined ? { trusts: splitList(flags.trusts) } : {}),
    ...(flags.serverCa !== undefined ? { serverCa: flags.serverCa } : {}),
    ...(flags.servername !== undefined ? { servername: flags.servername } : {}),
    ...(flags.rejectAt !== undefined ? { rejectAt: flags.rejectAt as RejectAt } : {}),
    ...(flags.tlsVersions !== undefined
      ? { tlsVersions: splitList(flags.tlsVersions).map(toTlsVersionName) as DeclarableTlsVersion[] }
      : {}),
    ...(Object.keys(identity).length > 0 ? { identity } : {}),
    ...(flags.only !== undefined ? { scenarios: { only: splitList(flags.only) } } : {}),
  };
  return {
    ...(flags.fixtures !== undefined ? { fixtures: flags.fixtures } : {}),
    ...(flags.reportDir !== undefined ? { reportDir: flags.reportDir } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    // Validation reports a missing --trusts by its flag name; the cast only lets it get that far.
    targets: [target as TargetEntry],
  };
}

function splitList(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? [value] : value;
  return parts
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function toTlsVersionName(version: string): string {
  return /^1\.[0-3]$/.test(version) ? (version === '1.0' ? 'TLSv1' : `TLSv${version}`) : version;
}
