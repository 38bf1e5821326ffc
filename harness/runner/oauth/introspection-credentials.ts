import { HarnessError } from '../../common/harness-error.ts';
import { runSecrets } from '../../common/run-secrets.ts';
import type { OAuthDeclaration } from '../../scenarios/oauth/oauth-declaration.ts';

/** The Authorization header of an introspection request, and how a curl command says it without the secret. */
export interface IntrospectionCredentials {
  authorization: string;
  /** `-u "$WSO2_USER:$WSO2_PASSWORD"`: the variables, never their values. */
  curlArgument: string;
}

/**
 * The `oauth.introspection.basic` credentials, read from their environment variables when the token is
 * introspected (WSO2's introspection endpoint takes an administrator's Basic credentials, RFC 7662 §2.1
 * leaves the method to the server), and registered with runSecrets: an echoed request cannot put the
 * password into a report. Undefined when none are declared. An unset variable was reported by the
 * config check before any probe; here it is one line naming it.
 */
export function introspectionCredentials(
  oauth: OAuthDeclaration,
  env: NodeJS.ProcessEnv = process.env,
): IntrospectionCredentials | undefined {
  const basic = oauth.introspection?.basic;
  if (basic === undefined) return undefined;
  const user = env[basic.userEnv];
  const password = env[basic.passwordEnv];
  const unset = [user === undefined ? basic.userEnv : '', password === undefined ? basic.passwordEnv : '']
    .filter((name) => name !== '')
    .join(' and ');
  if (user === undefined || password === undefined) {
    throw new HarnessError(
      `Cannot introspect the token. The environment variable ${unset} is not set; export it before the run (oauth.introspection.basic).`,
    );
  }
  const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  runSecrets.add(password, `$${basic.passwordEnv}`);
  runSecrets.addAuthorization(authorization, `$${basic.passwordEnv}`);
  return { authorization, curlArgument: `-u "$${basic.userEnv}:$${basic.passwordEnv}"` };
}
