import type {
  CrlFile,
  OcspPolicy,
  RevocationDeclaration,
} from '../scenarios/revocation/revocation-declaration.ts';
import type { KeyPolicyDeclaration } from '../scenarios/keys/key-policy.ts';
import type { SecureVersion } from 'node:tls';
import type { ClientCommand, ClientEnvValue } from '../runner/client/client-under-test.ts';
import type { AuthMode } from '../scenarios/auth/auth-declaration.ts';
import type { CertificateUser } from '../scenarios/auth/certificate-user.ts';
import type {
  BackendDeclaration,
  BackendMisconfiguration,
} from '../scenarios/backend/backend-declaration.ts';
import type { ForwardedCertificateFormat } from '../pki/forwarded-certificate-format.ts';
import type { OAuthDeclaration } from '../scenarios/oauth/oauth-declaration.ts';
import type { Scenario } from '../scenarios/scenario.ts';

// Written by hand to match schema/mtls-conformance.schema.json, the source of truth for what a config
// may contain. test/config-schema.test.ts keeps the two in step: every schema property must appear in
// fullConfigExample (typed as ConfigFile below, so TypeScript refuses keys the types lack), and every
// enum below must equal the schema's.

export type Suite = Scenario['suite'];

export { providerKinds, type ProviderKind } from '../targets/provider-kind.ts';
import type { ProviderKind } from '../targets/provider-kind.ts';

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
export const mockMisconfigurations = [
  'none',
  'accept-any-certificate',
  'ignore-validity-dates',
  'accept-weak-certificates',
  'substring-allow-list',
] as const;
export const nginxVerifyClientModes = ['on', 'optional', 'optional_no_ca'] as const;
/** nginx may be configured with legacy versions, to see tls-legacy-versions catch it. */
export const nginxProtocols = [
  'TLSv1',
  'TLSv1.1',
  'TLSv1.2',
  'TLSv1.3',
] as const satisfies readonly SecureVersion[];
export const opensslVerifyModes = ['require', 'request'] as const;
export const apacheVerifyClientModes = ['require', 'optional', 'optional_no_ca', 'none'] as const;
export const haproxyVerifyModes = ['required', 'optional', 'none'] as const;
export const javaClientAuthModes = ['need', 'want', 'none'] as const;
export const javaStoreTypes = ['jks', 'pkcs12'] as const;
/** The apache, haproxy and java providers, like nginx, may be set up with legacy versions. */
export const serverProtocols = nginxProtocols;
export const opensslTlsVersions = ['1.2', '1.3'] as const;

// ---- The file as written: what YAML/JSON may hold (defaults not applied, paths as given). ----

export interface ConfigFile {
  $schema?: string;
  /** The folder, or the folder and its keystores' passphrase variable. Default `./fixtures`. */
  fixtures?: string | FixturesEntry;
  /** Default `reports`. */
  reportDir?: string;
  /** Default 8. */
  concurrency?: number;
  timeouts?: Partial<Timeouts>;
  /** Required unless `targetsFiles` lists the endpoints. */
  targets?: TargetEntry[];
  /** Files of URLs, one endpoint a line, each file with the trust declaration its endpoints share. */
  targetsFiles?: TargetsFileEntry[];
}

/** The fixture set: its folder and the variable that holds its keystores' passphrase. */
export interface FixturesEntry {
  /** Default `./fixtures`. */
  dir?: string;
  /** Default: the set's passphrase.txt. */
  passphraseEnv?: string;
}

/**
 * A file of endpoints that share one declaration: many partner gateways meant to accept the same CAs.
 * Each non-blank line of the file is `URL` or `NAME URL` (`#` starts a comment); the name defaults to
 * the URL's host:port. Every endpoint becomes a target of provider `url` and suite `server`, after the
 * `targets` of the config.
 */
export interface TargetsFileEntry {
  /** The list, relative to the config file's folder. */
  file: string;
  trusts: string[];
  serverCa?: string;
  /** Default `any`. */
  rejectAt?: RejectAt;
  /** Default `[TLSv1.2, TLSv1.3]`. */
  tlsVersions?: DeclarableTlsVersion[];
  identity?: IdentityEntry;
  scenarios?: ScenarioSelectionEntry;
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
  apache?: ApacheOptions;
  haproxy?: HaproxyOptions;
  java?: JavaOptions;
  /** Required with suite `client`, refused with the others. */
  client?: ClientEntry;
  /** Suite `oauth` only; required with provider `url` (a mock registers tpp1 by default). */
  oauth?: OAuthEntry;
  /** With a Java truststore as `serverCa`: the variable holding its password. */
  serverCaPasswordEnv?: string;
  /** HTTP credentials the target takes besides certificates; adds the auth-* scenarios. */
  auth?: AuthEntry;
  /** The headers that tell the application behind the gateway who the client is; adds the backend scenarios. */
  backend?: BackendEntry;
  /** Other host names on the same address and port; adds the scenarios around the edge. */
  sharedWith?: SharedWithEntry[];
  /** Whether the endpoint resumes TLS sessions. Default: not declared (the scenarios try). */
  resumption?: boolean;
  /** Client keys and signatures accepted. Default: the conservative policy (keyPolicyOf). */
  accepts?: KeyPolicyDeclaration;
  /** DN or SAN allow-list of client identities; runs the allow-list-* scenarios. Default: none. */
  allowedSubjects?: string[];
  /** What revocation checks the endpoint enforces; adds the revocation scenarios. */
  revocation?: RevocationEntry;
}

/** The `revocation:` block as written: every field optional (crl false, ocsp off, crlFile current). */
export interface RevocationEntry {
  crl?: boolean;
  ocsp?: OcspPolicy;
  crlFile?: CrlFile;
}

/** One `sharedWith` entry: another site's name, whether it is mTLS, and then what it trusts. */
export interface SharedWithEntry {
  name: string;
  mtls: boolean;
  /** Required with `mtls: true`, refused with `false`. */
  trusts?: string[];
}

export { authModes } from '../scenarios/auth/auth-declaration.ts';

/** The `auth:` block: a mode, `basic` or `bearer` (environment variable names only), and the user mapping. */
export interface AuthEntry {
  mode: AuthMode;
  basic?: { userEnv: string; passwordEnv: string };
  bearer?: { tokenEnv: string };
  users?: CertificateUser[];
  /** The user of `users` the credentials belong to. Default: the Basic user name, else tpp1's user. */
  credentialsUser?: string;
}

export { forwardedCertificateFormats } from '../pki/forwarded-certificate-format.ts';
export { backendMisconfigurations } from '../scenarios/backend/backend-declaration.ts';

/** The `backend:` block: the format, header names (defaults by format), verified value, path, self-test knob. */
export interface BackendEntry {
  format: ForwardedCertificateFormat;
  headers?: { cert?: string; verify?: string; chain?: string };
  /** Default `SUCCESS`. */
  verifiedValue?: string;
  /** Default: the URL's path (provider url), `/echo` (a generated gateway). */
  path?: string;
  misconfiguration?: BackendMisconfiguration;
}

/** The `oauth:` block of a `suite: oauth` target, as written: the declaration itself (see OAuthDeclaration). */
export type OAuthEntry = OAuthDeclaration;

export { oauthAuthMethods } from '../scenarios/oauth/oauth-declaration.ts';

/** The client under test of a `suite: client` target: `command` (+ `timeoutMs`, `stdin`, `env`), or `wait`. */
export interface ClientEntry {
  /** argv template with placeholders (`{url}`, `{cert}`, …); see client-command-template.ts. */
  command?: string[];
  /** Default 30000 (clientCommandDefaults). */
  timeoutMs?: number;
  stdin?: string;
  /** Variable → text (placeholders replaced) or `{ fromEnv: NAME }` for a secret; see ClientCommand.env. */
  env?: Record<string, ClientEnvValue>;
  wait?: { timeoutMs: number };
}

/** Defaults of the `client:` block, stated in the schema's descriptions. */
export const clientCommandDefaults = {
  // A JVM compiling a single-file source (`java Client.java`) takes seconds on a small CI machine.
  timeoutMs: 30_000,
} as const;

/** `cert` + `key` (+ `chain`), or `p12` (+ `passphraseEnv`), or `keystore` (+ `storePasswordEnv`, …). */
export interface IdentityEntry {
  cert?: string;
  key?: string;
  chain?: string;
  p12?: string;
  passphraseEnv?: string;
  /** A Java keystore: JKS, or PKCS#12 by content. */
  keystore?: string;
  storePasswordEnv?: string;
  /** Default: the store password. */
  keyPasswordEnv?: string;
  /** Default: the only private-key entry. */
  alias?: string;
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
 * 1, the target's tlsVersions, /usr/sbin/nginx, no ticket key file, sniHostCheck true.
 */
export interface NginxOptions {
  verifyClient?: (typeof nginxVerifyClientModes)[number];
  verifyDepth?: number;
  protocols?: (typeof nginxProtocols)[number][];
  binary?: string;
  /** `ssl_session_ticket_key`: a key file (resolved against the config's folder by loadConfig). */
  sessionTicketKey?: string;
  /** With `sharedWith`: 421 when Host is not the SNI name. Default true. */
  sniHostCheck?: boolean;
  /** With `revocation: { crl: true }`: write ssl_crl. Default true. */
  crl?: boolean;
  /** With `revocation.ocsp` require or soft-fail: ssl_ocsp on, with the harness's responder. Default true. */
  ocsp?: boolean;
  /** With `allowedSubjects`: how the map matches $ssl_client_s_dn. Default `exact`. */
  allowListMatch?: 'exact' | 'unanchored-regex';
}

/** Provider `openssl`. Defaults (applied by the provider): require, both versions. */
export interface OpensslOptions {
  verify?: (typeof opensslVerifyModes)[number];
  tlsVersion?: (typeof opensslTlsVersions)[number];
  /** With `revocation: { crl: true }`: -crl_check_all (`all`, default), -crl_check (`leaf`) or no CRL (`none`). */
  crlCheck?: 'all' | 'leaf' | 'none';
}

/**
 * Provider `apache`. Defaults (applied by the provider): require, 2, the target's tlsVersions,
 * /usr/sbin/apache2, /usr/lib/apache2/modules.
 */
export interface ApacheOptions {
  verifyClient?: (typeof apacheVerifyClientModes)[number];
  verifyDepth?: number;
  protocols?: (typeof serverProtocols)[number][];
  binary?: string;
  modulesDir?: string;
}

/** Provider `haproxy`. Defaults (applied by the provider): required, none ignored, the target's tlsVersions, /usr/sbin/haproxy. */
export interface HaproxyOptions {
  verify?: (typeof haproxyVerifyModes)[number];
  /** `all` or comma-separated OpenSSL error numbers. */
  crtIgnoreErr?: string;
  caIgnoreErr?: string;
  protocols?: (typeof serverProtocols)[number][];
  binary?: string;
}

/** Provider `java`. Defaults (applied by the provider): need, the target's tlsVersions, jks, java. */
export interface JavaOptions {
  clientAuth?: (typeof javaClientAuthModes)[number];
  protocols?: (typeof serverProtocols)[number][];
  storeType?: (typeof javaStoreTypes)[number];
  binary?: string;
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
  /** `fixtures.passphraseEnv`: the variable that holds the fixture keystores' passphrase. */
  fixturesPassphraseEnv?: string;
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
  /** Suite `client` only (then the provider is `mock`: the harness starts a mock server per scenario). */
  client?: ClientConfig;
  /** Suite `oauth` only: the registered client, and where the resource and metadata are. */
  oauth?: OAuthDeclaration;
  /** With a Java truststore as `serverCa`: the variable holding its password. */
  serverCaPasswordEnv?: string;
  /** The `auth:` block with `users` defaulted to []. Secrets stay in the environment. */
  auth?: AuthConfig;
  /** The `backend:` block with header names and the verified value defaulted. */
  backend?: BackendDeclaration;
  sharedWith?: SharedWithEntry[];
  resumption?: boolean;
  /** The `revocation:` block with its defaults applied. */
  revocation?: RevocationDeclaration;
  accepts?: KeyPolicyDeclaration;
  allowedSubjects?: string[];
  /** Index in `targets`, for messages that name `targets[i]`. */
  index: number;
}

export type UrlTargetConfig = TargetCommon & { provider: 'url'; url: string };
export type MockTargetConfig = TargetCommon & { provider: 'mock'; mock: MockOptions };
export type NginxTargetConfig = TargetCommon & { provider: 'nginx'; nginx: NginxOptions };
export type OpensslTargetConfig = TargetCommon & { provider: 'openssl'; openssl: OpensslOptions };
export type ApacheTargetConfig = TargetCommon & { provider: 'apache'; apache: ApacheOptions };
export type HaproxyTargetConfig = TargetCommon & { provider: 'haproxy'; haproxy: HaproxyOptions };
export type JavaTargetConfig = TargetCommon & { provider: 'java'; java: JavaOptions };
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
  | UrlTargetConfig
  | MockTargetConfig
  | NginxTargetConfig
  | OpensslTargetConfig
  | ContainerTargetConfig
  | ApacheTargetConfig
  | HaproxyTargetConfig
  | JavaTargetConfig;

/** The client under test with defaults applied; a command runs in the config file's folder. */
export type ClientConfig = (ClientCommand & { cwd: string }) | { kind: 'wait'; timeoutMs: number };

/** `serverCa` resolved: a fixture name, or an absolute path to a PEM file. */
export type ServerCaRef = { fixture: string } | { file: string };

/** A bring-your-own identity with absolute paths. The passphrase stays in the environment. */
export type IdentityConfig =
  | { kind: 'pem'; certFile: string; keyFile: string; chainFile?: string }
  | { kind: 'pkcs12'; p12File: string; passphraseEnv?: string }
  | {
      kind: 'keystore';
      keystoreFile: string;
      storePasswordEnv: string;
      keyPasswordEnv?: string;
      alias?: string;
    };

/** The `auth:` block after loading: `users` defaulted to []. */
export type AuthConfig = Omit<AuthEntry, 'users'> & { users: CertificateUser[] };

export interface ScenarioSelectionConfig {
  only?: string[];
  skip: Record<string, string>;
  expect: Record<string, ExpectationOverride>;
}
