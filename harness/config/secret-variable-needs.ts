type FieldPath = (string | number)[];

const variablePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The environment variables a target's keystore identity, Java truststore, `auth:` block, OAuth
 * introspection credentials and client
 * `env` secrets (`fromEnv`) name, each with its field, from a target as written or as loaded (the
 * fields have the same names). Only well-formed names: a malformed one has its schema problem already.
 */
export function secretVariablesOf(target: unknown): Array<{ field: FieldPath; name: string }> {
  if (!isRecord(target)) return [];
  const found: Array<{ field: FieldPath; name: string }> = [];
  const add = (field: FieldPath, value: unknown) => {
    if (typeof value === 'string' && variablePattern.test(value)) found.push({ field, name: value });
  };
  const identity = isRecord(target.identity) ? target.identity : {};
  add(['identity', 'storePasswordEnv'], identity.storePasswordEnv);
  add(['identity', 'keyPasswordEnv'], identity.keyPasswordEnv);
  add(['serverCaPasswordEnv'], target.serverCaPasswordEnv);
  const auth = isRecord(target.auth) ? target.auth : {};
  const basic = isRecord(auth.basic) ? auth.basic : {};
  const bearer = isRecord(auth.bearer) ? auth.bearer : {};
  add(['auth', 'basic', 'userEnv'], basic.userEnv);
  add(['auth', 'basic', 'passwordEnv'], basic.passwordEnv);
  add(['auth', 'bearer', 'tokenEnv'], bearer.tokenEnv);
  const oauth = isRecord(target.oauth) ? target.oauth : {};
  const introspection = isRecord(oauth.introspection) ? oauth.introspection : {};
  const introspectionBasic = isRecord(introspection.basic) ? introspection.basic : {};
  add(['oauth', 'introspection', 'basic', 'userEnv'], introspectionBasic.userEnv);
  add(['oauth', 'introspection', 'basic', 'passwordEnv'], introspectionBasic.passwordEnv);
  const client = isRecord(target.client) ? target.client : {};
  const env = isRecord(client.env) ? client.env : {};
  for (const [name, value] of Object.entries(env)) {
    if (isRecord(value)) add(['client', 'env', name, 'fromEnv'], value.fromEnv);
  }
  return found;
}

/** The problem of each variable that is not set; the message names it, never a value. */
export function unsetVariableProblems(
  variables: ReadonlyArray<{ field: FieldPath; name: string }>,
  env: NodeJS.ProcessEnv,
  at: (...path: FieldPath) => FieldPath,
): Array<{ path: FieldPath; message: string }> {
  return variables
    .filter(({ name }) => env[name] === undefined)
    .map(({ field, name }) => ({
      path: at(...field),
      message: `the environment variable ${name} is not set; export it before the run (the config names the variable, never the secret)`,
    }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
