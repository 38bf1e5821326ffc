import { randomBytes } from 'node:crypto';
import { HarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import type { KeystoreIdentitySource } from '../pki/open-keystore-identity.ts';
import type { TargetCredentials } from '../runner/target-credentials.ts';
import type { AuthDeclaration } from '../scenarios/auth/auth-declaration.ts';
import type { AuthConfig, IdentityConfig } from './config-types.ts';

// Secrets are read from the environment at the last moment, so they live in no config object; an
// unset variable was reported by loadConfig, and here it is one line naming the variable, never a value.
// Each is registered with runSecrets as it is read, so no kept text (an echoed body) can hold it.

/** A `keystore:` identity with its passwords read from their variables. */
export function resolveKeystoreIdentity(
  identity: Extract<IdentityConfig, { kind: 'keystore' }>,
  env: NodeJS.ProcessEnv = process.env,
): KeystoreIdentitySource {
  const file = identity.keystoreFile;
  const keyPassword =
    identity.keyPasswordEnv === undefined ? undefined : readSecret(env, identity.keyPasswordEnv, file);
  return {
    keystoreFile: file,
    storePassword: readSecret(env, identity.storePasswordEnv, file),
    storePasswordSource: `storePasswordEnv ${identity.storePasswordEnv}`,
    keyPasswordSource:
      identity.keyPasswordEnv === undefined ? 'keyPasswordEnv' : `keyPasswordEnv ${identity.keyPasswordEnv}`,
    ...(keyPassword === undefined ? {} : { keyPassword }),
    ...(identity.alias === undefined ? {} : { alias: identity.alias }),
  };
}

/**
 * The `auth:` block as the scenarios see it: mode, scheme and variable names, no secret. Whose the
 * credentials are is `credentialsUser`, else the Basic user name when `users` declares it: a user name
 * is no secret (the target's users list and the mock's decisions name it too), the password is.
 */
export function toAuthDeclaration(auth: AuthConfig, env: NodeJS.ProcessEnv = process.env): AuthDeclaration {
  const basicUser = auth.basic === undefined ? undefined : env[auth.basic.userEnv];
  const credentialsUser =
    auth.credentialsUser !== undefined
      ? { user: auth.credentialsUser, source: 'auth.credentialsUser' }
      : basicUser !== undefined && auth.users.some((entry) => entry.user === basicUser)
        ? { user: basicUser, source: `$${auth.basic?.userEnv ?? ''}` }
        : undefined;
  return {
    mode: auth.mode,
    scheme: auth.bearer !== undefined ? 'bearer' : 'basic',
    credentialSource:
      auth.bearer !== undefined
        ? `$${auth.bearer.tokenEnv}`
        : `$${auth.basic?.userEnv ?? '?'} / $${auth.basic?.passwordEnv ?? '?'}`,
    users: auth.users.map((entry) => ({ ...entry })),
    ...(credentialsUser === undefined ? {} : { credentialsUser }),
  };
}

/**
 * The `Authorization` headers the auth-* scenarios send, read from the variables the `auth:` block
 * names: the declared user's, and the same user with a wrong secret. The wrong secret is random, made
 * anew for each run, and shares nothing with the real one: a target that echoes the wrong request (a
 * debug page, an error body) must not reveal the real secret through it, as `<password>-wrong` did.
 * The values go to the probes only; all of them are registered with runSecrets.
 */
export function resolveAuthCredentials(
  auth: AuthConfig,
  env: NodeJS.ProcessEnv = process.env,
): TargetCredentials {
  if (auth.bearer !== undefined) {
    const variable = auth.bearer.tokenEnv;
    const token = readSecret(env, variable, 'the auth bearer token');
    const wrong = wrongSecret(token, 24);
    runSecrets.add(wrong, 'wrong credentials');
    return {
      authorization: `Bearer ${token}`,
      wrongAuthorization: `Bearer ${wrong}`,
      curlArguments: {
        declared: `-H "Authorization: Bearer $${variable}"`,
        wrong: `-H "Authorization: Bearer $(openssl rand -hex 24)"`,
      },
    };
  }
  const basic = auth.basic;
  if (basic === undefined) {
    throw new HarnessError(
      'Cannot send credentials: the auth block gives neither basic nor bearer. Add one.',
    );
  }
  // The user name is no secret (the users list and the mock's decisions name it); the password is.
  const user = read(env, basic.userEnv, 'the auth basic credentials');
  const password = readSecret(env, basic.passwordEnv, 'the auth basic credentials');
  const wrong = wrongSecret(password, 12);
  const header = (secret: string) => `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
  runSecrets.addAuthorization(header(password), `$${basic.passwordEnv}`);
  runSecrets.addAuthorization(header(wrong), 'wrong credentials');
  return {
    authorization: header(password),
    wrongAuthorization: header(wrong),
    curlArguments: {
      declared: `-u "$${basic.userEnv}:$${basic.passwordEnv}"`,
      wrong: `-u "$${basic.userEnv}:$(openssl rand -hex 12)"`,
    },
  };
}

/** `bytes` random bytes in hex: never the secret, and no piece of it that is not there by chance. */
function wrongSecret(secret: string, bytes: number): string {
  for (;;) {
    const candidate = randomBytes(bytes).toString('hex');
    if (secret === '' || (!secret.includes(candidate) && !candidate.includes(secret))) return candidate;
  }
}

function read(env: NodeJS.ProcessEnv, variable: string, what: string): string {
  const value = env[variable];
  if (value === undefined) {
    throw new HarnessError(
      `Cannot open ${what}. The environment variable ${variable} is not set; export it before the run.`,
    );
  }
  return value;
}

/** read(), and the value registered with runSecrets under the variable's name. */
function readSecret(env: NodeJS.ProcessEnv, variable: string, what: string): string {
  const value = read(env, variable, what);
  runSecrets.add(value, `$${variable}`);
  return value;
}
