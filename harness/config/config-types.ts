import type { SecureVersion } from 'node:tls';
import type { Scenario } from '../scenarios/scenario.ts';

// Written by hand to match schema/mtls-conformance.schema.json, the source of truth for what a config
// may contain. test/config-schema.test.ts keeps the two in step: every schema property must appear in
// fullConfigExample (typed as ConfigFile below, so TypeScript refuses keys the types lack), and every
// enum below must equal the schema's.

export type Suite = Scenario['suite'];

export const providerKinds = ['url', 'mock', 'nginx', 'openssl', 'container'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const suiteKinds = ['server', 'client', 'oauth'] as const satisfies readonly Suite[];

export const rejectAtValues = ['any', 'handshake'] as const;
export type RejectAt = (typeof rejectAtValues)[number];

/** TLS 1.0 and 1.1 cannot be declared: RFC 8996 forbids them, and tls-legacy-versions expects refusal. */
export const declarableTlsVersions = ['TLSv1.2', 'TLSv1.3'] as const satisfies readonly SecureVersion[];
export type DeclarableTlsVersion = (typeof declarableTlsVersions)[number];

export const overrideExpectations = ['accepted', 'rejected', 'informational'] as const;
export type OverrideExpectation = (typeof overrideExpectations)[number];

export const mockClientAuthModes = ['require', 'optional', 'none'] as const;
export const mockRefusals = ['handshake', 'http'] as const;
export const mockMisconfigurations = ['none', 'accept-any-certificate', 'ignore-validity-dates'] as const;
export const nginxVerifyClientModes = ['on', 'optional', 'optional_no_ca'] as const;
/** nginx may be configured with legacy versions, to see tls-legacy-versions catch it. */
export const nginxProtocols = [
  'TLSv1',
  'TLSv1.1',
  'TLSv1.2',
  'TLSv1.3',
] as const satisfies readonly SecureVersion[];
export const opensslVerifyModes = ['require', 'request'] as const;
export const opensslTlsVersions = ['1.2', '1.3'] as const;

// ---- The file as written: what YAML/JSON may hold (defaults not applied, paths as given). ----

export interface ConfigFile {
  $schema?: string;
  /** Default `./fixtures`. */
  fixtures?: string;
  /** Default `reports`. */
  reportDir?: string;
  /** Default 8. */
  concurrency?: number;
  timeouts?: Partial<Timeouts>;
  targets: TargetEntry[];
}

export interface TargetEntry {
  name: string;
  /** Required with provider `url`, refused with the others. */
  url?: string;
  /** Default `url`. */
  provider?: ProviderKind;
  /** Default `server`. */
  suite?: Suite;
  trusts: string[];
  serverCa?: string;
  servername?: string;
  /** Default `any`. */
  rejectAt?: RejectAt;
  /** Default `[TLSv1.2, TLSv1.3]`. */
  tlsVersions?: DeclarableTlsVersion[];
  identity?: IdentityEntry;
  scenarios?: ScenarioSelectionEntry;
  mock?: MockOptions;
  nginx?: NginxOptions;
  openssl?: OpensslOptions;
  container?: ContainerOptions;
}

/** `cert` + `key` (+ `chain`), or `p12` (+ `passphraseEnv`). */
export interface IdentityEntry {
  cert?: string;
  key?: string;
  chain?: string;
  p12?: string;
  passphraseEnv?: string;
}

export interface ScenarioSelectionEntry {
  only?: string[];
  skip?: Record<string, string>;
  expect?: Record<string, ExpectationOverride>;
}

export interface ExpectationOverride {
  expected: OverrideExpectation;
  reason: string;
}

/** Provider `mock`. Defaults (applied by the provider): require, handshake, none. */
export interface MockOptions {
  clientAuth?: (typeof mockClientAuthModes)[number];
  refusal?: (typeof mockRefusals)[number];
  misconfiguration?: (typeof mockMisconfigurations)[number];
}

/**
 * Providers `nginx` and `container` (its default nginx config). Defaults (applied by the provider): on,
 * 1, the target's tlsVersions, /usr/sbin/nginx.
 */
export interface NginxOptions {
  verifyClient?: (typeof nginxVerifyClientModes)[number];
  verifyDepth?: number;
  protocols?: (typeof nginxProtocols)[number][];
  binary?: string;
}

/** Provider `openssl`. Defaults (applied by the provider): require, both versions. */
export interface OpensslOptions {
  verify?: (typeof opensslVerifyModes)[number];
  tlsVersion?: (typeof opensslTlsVersions)[number];
}

/** Provider `container`. Defaults are the provider's (see harness/targets/container-target-options.ts). */
export interface ContainerOptions {
  image?: string;
  /** `source` is resolved against the config file's folder by loadConfig. */
  files?: { source: string; target: string }[];
  command?: string[];
  waitFor?: { log: string };
  port?: number;
}

// ---- The config after loadConfig(): defaults applied, paths absolute, provider as a discriminant. ----

export interface HarnessConfig {
  /** Where the config came from; error messages name it. */
  source: ConfigSource;
  /** Absolute. */
  fixtures: string;
  /** Absolute. */
  reportDir: string;
  concurrency: number;
  timeouts: Timeouts;
  targets: TargetConfig[];
}

/**
 * A file (with the line of every field, for messages) or the `run` flags of one target. `baseDir` is
 * the folder relative paths were resolved against: the file's folder, or the working directory.
 */
export type ConfigSource =
  | { kind: 'file'; file: string; baseDir: string; lines: ReadonlyMap<string, number> }
  | { kind: 'flags'; baseDir: string };

export interface Timeouts {
  connectMs: number;
  handshakeMs: number;
  responseMs: number;
}

interface TargetCommon {
  name: string;
  suite: Suite;
  trusts: string[];
  serverCa?: ServerCaRef;
  servername?: string;
  rejectAt: RejectAt;
  tlsVersions: DeclarableTlsVersion[];
  identity?: IdentityConfig;
  scenarios: ScenarioSelectionConfig;
  /** Index in `targets`, for messages that name `targets[i]`. */
  index: number;
}

export type UrlTargetConfig = TargetCommon & { provider: 'url'; url: string };
export type MockTargetConfig = TargetCommon & { provider: 'mock'; mock: MockOptions };
export type NginxTargetConfig = TargetCommon & { provider: 'nginx'; nginx: NginxOptions };
export type OpensslTargetConfig = TargetCommon & { provider: 'openssl'; openssl: OpensslOptions };
/** `nginx` shapes the generated nginx.conf the container runs unless `container.command` replaces it. */
export type ContainerTargetConfig = TargetCommon & {
  provider: 'container';
  container: ContainerOptions;
  nginx?: NginxOptions;
};

/**
 * One target; the block of its provider is always present (`{}` when not written), so it passes to
 * harness/targets' createTargetProvider as it is.
 */
export type TargetConfig =
  UrlTargetConfig | MockTargetConfig | NginxTargetConfig | OpensslTargetConfig | ContainerTargetConfig;

/** `serverCa` resolved: a fixture name, or an absolute path to a PEM file. */
export type ServerCaRef = { fixture: string } | { file: string };

/** A bring-your-own identity with absolute paths. The passphrase stays in the environment. */
export type IdentityConfig =
  | { kind: 'pem'; certFile: string; keyFile: string; chainFile?: string }
  | { kind: 'pkcs12'; p12File: string; passphraseEnv?: string };

export interface ScenarioSelectionConfig {
  only?: string[];
  skip: Record<string, string>;
  expect: Record<string, ExpectationOverride>;
}
