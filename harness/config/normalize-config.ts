import { toRevocationDeclaration } from './revocation-defaults.ts';
import type { KeyPolicyDeclaration } from '../scenarios/keys/key-policy.ts';
import { isAbsolute, resolve } from 'node:path';
import { configDefaults } from './config-defaults.ts';
import { toBackendDeclaration } from './backend-declaration-of.ts';
import {
  clientCommandDefaults,
  type ClientConfig,
  type ClientEntry,
  type ConfigFile,
  type ContainerOptions,
  type HarnessConfig,
  type IdentityConfig,
  type IdentityEntry,
  type NginxOptions,
  type ServerCaRef,
  type SharedWithEntry,
  type TargetConfig,
  type TargetEntry,
} from './config-types.ts';

/** Top-level settings with defaults applied and folders made absolute. */
export function normalizeSettings(
  file: ConfigFile,
  baseDir: string,
): Pick<HarnessConfig, 'fixtures' | 'fixturesPassphraseEnv' | 'reportDir' | 'concurrency' | 'timeouts'> {
  const fixtures = typeof file.fixtures === 'string' ? { dir: file.fixtures } : (file.fixtures ?? {});
  return {
    fixtures: resolve(baseDir, fixtures.dir ?? configDefaults.fixtures),
    ...(fixtures.passphraseEnv !== undefined ? { fixturesPassphraseEnv: fixtures.passphraseEnv } : {}),
    reportDir: resolve(baseDir, file.reportDir ?? configDefaults.reportDir),
    concurrency: file.concurrency ?? configDefaults.concurrency,
    timeouts: { ...configDefaults.timeouts, ...file.timeouts },
  };
}

/** One target that passed the schema and the semantic checks, with defaults applied and paths absolute. */
export function normalizeTarget(entry: TargetEntry, index: number, baseDir: string): TargetConfig {
  const common = {
    name: entry.name,
    suite: entry.suite ?? configDefaults.suite,
    trusts: [...entry.trusts],
    ...(entry.serverCa !== undefined ? { serverCa: toServerCaRef(entry.serverCa, baseDir) } : {}),
    ...(entry.servername !== undefined ? { servername: entry.servername } : {}),
    rejectAt: entry.rejectAt ?? configDefaults.rejectAt,
    tlsVersions: [...(entry.tlsVersions ?? configDefaults.tlsVersions)],
    ...(entry.identity !== undefined ? { identity: toIdentityConfig(entry.identity, baseDir) } : {}),
    ...(entry.oauth !== undefined ? { oauth: { ...entry.oauth } } : {}),
    ...(entry.serverCaPasswordEnv !== undefined ? { serverCaPasswordEnv: entry.serverCaPasswordEnv } : {}),
    ...(entry.auth !== undefined ? { auth: { ...entry.auth, users: [...(entry.auth.users ?? [])] } } : {}),
    ...(entry.backend !== undefined ? { backend: toBackendDeclaration(entry.backend) } : {}),
    ...(entry.sharedWith !== undefined ? { sharedWith: entry.sharedWith.map(copySharedName) } : {}),
    ...(entry.resumption !== undefined ? { resumption: entry.resumption } : {}),
    ...(entry.revocation !== undefined ? { revocation: toRevocationDeclaration(entry.revocation) } : {}),
    ...(entry.accepts !== undefined ? { accepts: copyKeyPolicy(entry.accepts) } : {}),
    ...(entry.allowedSubjects !== undefined ? { allowedSubjects: [...entry.allowedSubjects] } : {}),
    scenarios: {
      ...(entry.scenarios?.only !== undefined ? { only: [...entry.scenarios.only] } : {}),
      skip: { ...entry.scenarios?.skip },
      expect: { ...entry.scenarios?.expect },
    },
    index,
  };
  if (entry.client !== undefined) {
    // The semantic checks allow a client block only with suite client, and no provider with it: the
    // harness itself is the server, one mock server per scenario.
    return { ...common, provider: 'mock', mock: {}, client: normalizeClient(entry.client, baseDir) };
  }
  const provider = entry.provider ?? configDefaults.provider;
  switch (provider) {
    case 'url':
      // The semantic checks guarantee a URL for provider url.
      return { ...common, provider, url: entry.url ?? '' };
    case 'mock':
      return { ...common, provider, mock: { ...entry.mock } };
    case 'nginx':
      return { ...common, provider, nginx: normalizeNginx(entry.nginx ?? {}, baseDir) };
    case 'openssl':
      return { ...common, provider, openssl: { ...entry.openssl } };
    case 'container':
      return {
        ...common,
        provider,
        container: normalizeContainer(entry.container ?? {}, baseDir),
        ...(entry.nginx !== undefined ? { nginx: normalizeNginx(entry.nginx, baseDir) } : {}),
      };
    case 'apache': {
      const apache = withBinaryPath(entry.apache ?? {}, baseDir);
      const modulesDir = apache.modulesDir;
      return {
        ...common,
        provider,
        apache: modulesDir === undefined ? apache : { ...apache, modulesDir: resolve(baseDir, modulesDir) },
      };
    }
    case 'haproxy':
      return { ...common, provider, haproxy: withBinaryPath(entry.haproxy ?? {}, baseDir) };
    case 'java':
      return { ...common, provider, java: withBinaryPath(entry.java ?? {}, baseDir) };
  }
}

/**
 * A bare fixture name (lower-case letters, digits and `-`, as fixture specs require) names a fixture CA;
 * anything else (`./ca.pem`, `certs/ca.crt`) is a PEM file.
 */
export function toServerCaRef(serverCa: string, baseDir: string): ServerCaRef {
  return isFixtureName(serverCa) ? { fixture: serverCa } : { file: resolve(baseDir, serverCa) };
}

export function isFixtureName(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(value);
}

function toIdentityConfig(identity: IdentityEntry, baseDir: string): IdentityConfig {
  if (identity.keystore !== undefined) {
    return {
      kind: 'keystore',
      keystoreFile: resolve(baseDir, identity.keystore),
      // The semantic checks guarantee storePasswordEnv with keystore.
      storePasswordEnv: identity.storePasswordEnv ?? '',
      ...(identity.keyPasswordEnv !== undefined ? { keyPasswordEnv: identity.keyPasswordEnv } : {}),
      ...(identity.alias !== undefined ? { alias: identity.alias } : {}),
    };
  }
  if (identity.p12 !== undefined) {
    return {
      kind: 'pkcs12',
      p12File: resolve(baseDir, identity.p12),
      ...(identity.passphraseEnv !== undefined ? { passphraseEnv: identity.passphraseEnv } : {}),
    };
  }
  return {
    kind: 'pem',
    certFile: resolve(baseDir, identity.cert ?? ''),
    keyFile: resolve(baseDir, identity.key ?? ''),
    ...(identity.chain !== undefined ? { chainFile: resolve(baseDir, identity.chain) } : {}),
  };
}

function normalizeClient(client: ClientEntry, baseDir: string): ClientConfig {
  if (client.wait !== undefined) return { kind: 'wait', timeoutMs: client.wait.timeoutMs };
  return {
    kind: 'command',
    argv: [...(client.command ?? [])],
    ...(client.stdin !== undefined ? { stdin: client.stdin } : {}),
    ...(client.env !== undefined ? { env: { ...client.env } } : {}),
    timeoutMs: client.timeoutMs ?? clientCommandDefaults.timeoutMs,
    cwd: baseDir,
  };
}

function copySharedName(entry: SharedWithEntry): SharedWithEntry {
  return { ...entry, ...(entry.trusts !== undefined ? { trusts: [...entry.trusts] } : {}) };
}

// A bare `nginx` is looked up on PATH by the provider; a path with a folder is relative to the config,
// as is the session ticket key file.
function normalizeNginx(options: NginxOptions, baseDir: string): NginxOptions {
  const key = options.sessionTicketKey;
  const withBinary = withBinaryPath(options, baseDir);
  return key === undefined ? withBinary : { ...withBinary, sessionTicketKey: resolve(baseDir, key) };
}

function withBinaryPath<T extends { binary?: string }>(options: T, baseDir: string): T {
  const binary = options.binary;
  if (binary === undefined || (!binary.includes('/') && !isAbsolute(binary))) return { ...options };
  return { ...options, binary: resolve(baseDir, binary) };
}

function normalizeContainer(options: ContainerOptions, baseDir: string): ContainerOptions {
  return {
    ...options,
    ...(options.files
      ? {
          files: options.files.map((file) => ({
            source: resolve(baseDir, file.source),
            target: file.target,
          })),
        }
      : {}),
  };
}

function copyKeyPolicy(accepts: KeyPolicyDeclaration): KeyPolicyDeclaration {
  return { ...accepts, ...(accepts.keyTypes !== undefined ? { keyTypes: [...accepts.keyTypes] } : {}) };
}
