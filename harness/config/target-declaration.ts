import { basename } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import type { ExpectationRule, TargetDeclaration } from '../scenarios/scenario.ts';
import type { KeystoreIdentitySource } from '../pki/open-keystore-identity.ts';
import type { IdentityConfig, TargetConfig } from './config-types.ts';
import { resolveKeystoreIdentity, toAuthDeclaration } from './resolve-target-secrets.ts';

/**
 * The declaration every expectation is derived from. Providers other than `url` choose their address
 * when they start: pass the started target's URL as `url` for them.
 */
export function toTargetDeclaration(target: TargetConfig, url?: string): TargetDeclaration {
  const resolvedUrl = url ?? (target.provider === 'url' ? target.url : undefined);
  if (resolvedUrl === undefined) {
    throw new Error(
      `toTargetDeclaration: target ${target.name} (provider ${target.provider}) needs its started URL`,
    );
  }
  return {
    name: target.name,
    url: resolvedUrl,
    trusts: [...target.trusts],
    ...(target.serverCa !== undefined
      ? { serverCa: 'fixture' in target.serverCa ? target.serverCa.fixture : target.serverCa.file }
      : {}),
    rejectAt: target.rejectAt,
    tlsVersions: [...target.tlsVersions],
    ...(target.identity !== undefined ? { trustedIdentity: identityLabel(target.identity) } : {}),
    ...(target.auth !== undefined ? { auth: toAuthDeclaration(target.auth) } : {}),
    ...(target.backend !== undefined ? { backend: target.backend } : {}),
    ...(target.sharedWith !== undefined
      ? { sharedWith: target.sharedWith.map((shared) => ({ ...shared })) }
      : {}),
    ...(target.resumption !== undefined ? { resumption: target.resumption } : {}),
    ...(target.revocation !== undefined ? { revocation: { ...target.revocation } } : {}),
    ...(target.accepts !== undefined ? { accepts: target.accepts } : {}),
    ...(target.allowedSubjects !== undefined ? { allowedSubjects: [...target.allowedSubjects] } : {}),
  };
}

/** A target's `scenarios:` block as the runner's ScenarioSelection: overrides become expectation rules. */
export function toScenarioSelection(target: TargetConfig): {
  only?: readonly string[];
  skip: Readonly<Record<string, string>>;
  expect: Readonly<Record<string, ExpectationRule>>;
} {
  const expect: Record<string, ExpectationRule> = {};
  for (const [id, override] of Object.entries(target.scenarios.expect)) {
    expect[id] = { expected: override.expected, because: override.reason };
  }
  return {
    ...(target.scenarios.only !== undefined ? { only: [...target.scenarios.only] } : {}),
    skip: { ...target.scenarios.skip },
    expect,
  };
}

/** The files to load a bring-your-own identity from, with the passphrase read from its variable. */
export type IdentityFiles =
  | { certFile: string; keyFile: string; chainFile?: string }
  | { p12File: string; passphrase: string; passphraseSource?: string }
  | KeystoreIdentitySource;

/**
 * Reads the passphrase from the environment at the last moment, so it lives in no config object. An
 * unset variable was reported by loadConfig; here it is one line that names the variable, never a value.
 */
export function resolveIdentityFiles(
  identity: IdentityConfig,
  env: NodeJS.ProcessEnv = process.env,
): IdentityFiles {
  if (identity.kind === 'pem') {
    return {
      certFile: identity.certFile,
      keyFile: identity.keyFile,
      ...(identity.chainFile !== undefined ? { chainFile: identity.chainFile } : {}),
    };
  }
  if (identity.kind === 'keystore') return resolveKeystoreIdentity(identity, env);
  if (identity.passphraseEnv === undefined) return { p12File: identity.p12File, passphrase: '' };
  const passphrase = env[identity.passphraseEnv];
  if (passphrase === undefined) {
    throw new HarnessError(
      `Cannot open ${identity.p12File}. The environment variable ${identity.passphraseEnv} is not set; export it before the run.`,
    );
  }
  runSecrets.add(passphrase, `$${identity.passphraseEnv}`);
  // Named in a wrong-password message, so the person knows which variable to fix.
  return {
    p12File: identity.p12File,
    passphrase,
    passphraseSource: `$${identity.passphraseEnv}, identity.passphraseEnv`,
  };
}

function identityLabel(identity: IdentityConfig): string {
  if (identity.kind === 'keystore') {
    const alias = identity.alias === undefined ? '' : ` (alias ${identity.alias})`;
    return `${basename(identity.keystoreFile)}${alias}`;
  }
  return basename(identity.kind === 'pem' ? identity.certFile : identity.p12File);
}
